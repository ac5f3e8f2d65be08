import type { Config } from '../config.ts';
import type { PersonaDatabase } from '../db/database.ts';
import type { CacheSettings, CacheStats } from '../db/row-cache.ts';
import type { EventBus } from '../events/bus.ts';
import { AccountsService } from './accounts/accounts.service.ts';
import { AppsRepository } from './apps/apps.repository.ts';
import { AppsService } from './apps/apps.service.ts';
import { AuditRepository } from './audit/audit.repository.ts';
import { AuditLog } from './audit/audit.service.ts';
import { HouseholdsService } from './households/households.service.ts';
import { IconsRepository } from './households/icons.repository.ts';
import { IconsService } from './households/icons.service.ts';
import { PinsRepository } from './households/pins.repository.ts';
import { joinedProfileColumns, ProfilesRepository } from './households/profiles.repository.ts';
import { CredentialChecks } from './identity/credential-checks.ts';
import { registerIdentityJobs } from './identity/identity.jobs.ts';
import { IdentityService } from './identity/identity.service.ts';
import { type HashingOptions, Passwords } from './identity/passwords.ts';
import { SessionsService } from './identity/sessions.service.ts';
import { TokensRepository } from './identity/tokens.repository.ts';
import { UsersRepository } from './identity/users.repository.ts';
import { JobRunner, type JobRunnerOptions, type RunnerLog } from './jobs/job-runner.ts';
import { JobsRepository } from './jobs/jobs.repository.ts';
import { JobsService } from './jobs/jobs.service.ts';
import { WorkerPool } from './jobs/worker-pool.ts';
import { registerMessagingJobs } from './messaging/messaging.jobs.ts';
import { MessagingRepository } from './messaging/messaging.repository.ts';
import { MessagingService } from './messaging/messaging.service.ts';
import type { Transports } from './messaging/messaging.types.ts';
import { HistoryRepository } from './movies/history.repository.ts';
import { HistoryService } from './movies/history.service.ts';
import { MoviesRepository } from './movies/movies.repository.ts';
import { MoviesService } from './movies/movies.service.ts';
import { PreferencesRepository } from './preferences/preferences.repository.ts';
import { PreferencesService } from './preferences/preferences.service.ts';
import { defaultTrainingSettings } from './recommendations/model/train.ts';
import { registerRecommendationJobs } from './recommendations/recommendations.jobs.ts';
import { RecommendationsRepository } from './recommendations/recommendations.repository.ts';
import { RecommendationsService } from './recommendations/recommendations.service.ts';
import { ServingCache } from './recommendations/serving-cache.ts';
import { registerRecoveryJobs } from './recovery/recovery.jobs.ts';
import { RecoveryRepository } from './recovery/recovery.repository.ts';
import { RecoveryService } from './recovery/recovery.service.ts';
import { ContainersRepository } from './social/containers.repository.ts';
import { NotificationStreams, type StreamOptions } from './social/notification-streams.ts';
import { NotificationsRepository } from './social/notifications.repository.ts';
import { NotificationsService } from './social/notifications.service.ts';
import { OnboardingService } from './social/onboarding.service.ts';
import { ReferralsRepository } from './social/referrals.repository.ts';
import { SocialService } from './social/social.service.ts';
import { StudentsRepository } from './students/students.repository.ts';
import { StudentsService } from './students/students.service.ts';
import { CredentialThrottle } from './throttling/credential-throttle.ts';
import { RateLimiter } from './throttling/rate-limiter.ts';
import { registerThrottlingJobs } from './throttling/throttling.jobs.ts';
import { ThrottlingRepository } from './throttling/throttling.repository.ts';

/** The core's services, as faces see them, and the background machinery the app starts and stops. */
export interface Core {
  apps: AppsService;
  identity: IdentityService;
  sessions: SessionsService;
  /** The process's password hashing and its budget. */
  passwords: Passwords;
  accounts: AccountsService;
  preferences: PreferencesService;
  students: StudentsService;
  movies: MoviesService;
  history: HistoryService;
  recommendations: RecommendationsService;
  icons: IconsService;
  households: HouseholdsService;
  /** The v1 face's sessions: registration (with a handle), log-in, refresh without rotation. */
  onboarding: OnboardingService;
  /** Containers and their members, public profiles, referrals. */
  social: SocialService;
  /** Users' notifications: sent by the admin and by events, listed, marked read. */
  notifications: NotificationsService;
  /** This instance's live notification streams (the app ends them before it closes). */
  notificationStreams: NotificationStreams;
  jobs: JobsService;
  audit: AuditLog;
  /** Password resets and address verifications. */
  recovery: RecoveryService;
  /** Messages to users: templates, the outbox, delivery. */
  messaging: MessagingService;
  rateLimits: RateLimiter;
  /** The brute-force protection of credential checks (the admin reads a user's records). */
  credentialThrottle: CredentialThrottle;
  jobRunner: JobRunner;
  workers: WorkerPool;
  /** Each cache's size, for tests and metrics. */
  cacheStats(): Record<
    'apps' | 'users' | 'tokens' | 'profiles' | 'preferenceCatalogues' | 'movieSummaries' | 'historyMarks',
    CacheStats
  >;
}

export interface CoreOptions {
  /** `catalogues` bounds each catalogue cache (the preference options, the movies' titles). */
  caches: {
    apps: CacheSettings;
    users: CacheSettings;
    tokens: CacheSettings;
    catalogues: CacheSettings;
    profiles: CacheSettings;
  };
  /** How long an expired token's row is kept, so that it is answered as expired rather than unknown. */
  expiredTokenRetentionMs: number;
  jobs: JobRunnerOptions;
  /** Worker threads for CPU-heavy jobs. */
  workerThreads: number;
  recommender: Config['recommender'] & { cacheTtlMs: number };
  /** The hashing budget: hashes at once, and waiting. */
  hashing: HashingOptions;
  /** Bounds of the live notification streams; the defaults of the README's table when absent (the CLI). */
  streams?: StreamOptions;
  /** How messages leave (none for a channel: they are held in the outbox), and where links in them point. */
  messaging: { transports: Transports; publicUrl: string };
  log: RunnerLog;
}

const defaultStreamOptions: StreamOptions = {
  maxStreams: 20_000,
  maxStreamsPerUser: 5,
  heartbeatMs: 15_000,
  bufferBytes: 256 * 1024,
  stallMs: 30_000,
};

/** Wires repositories and services over one database and one event bus. */
export function createCore(database: PersonaDatabase, bus: EventBus, options: CoreOptions): Core {
  const { unitOfWork } = database;
  unitOfWork.useBus(bus);
  const appsRepository = new AppsRepository(unitOfWork, bus, options.caches.apps);
  const users = new UsersRepository(unitOfWork, bus, options.caches.users);
  const profilesRepository = new ProfilesRepository(unitOfWork, bus, options.caches.profiles);
  const tokens = new TokensRepository(unitOfWork, bus, options.caches.tokens, {
    users,
    profiles: {
      columns: joinedProfileColumns,
      cacheMark: () => profilesRepository.cacheMark(),
      offerJoined: (appId, row, mark) => profilesRepository.offerJoined(appId, row, mark),
    },
    // Up to 64 tokens a statement: enough for the requests of a turn under load, small enough for one plan.
    coalesceUpTo: database.readsAreRoundTrips ? 64 : 0,
  });
  const audit = new AuditLog(unitOfWork, new AuditRepository(unitOfWork));
  const apps = new AppsService(
    appsRepository,
    unitOfWork,
    { endAdminTokens: (appId) => tokens.deleteAdminTokensOfApp(appId) },
    audit,
  );
  const throttling = new ThrottlingRepository(unitOfWork);
  const throttle = new CredentialThrottle(unitOfWork, throttling, audit, bus);
  const rateLimiter = new RateLimiter(throttling, apps);
  const iconsRepository = new IconsRepository(unitOfWork);
  const moviesRepository = new MoviesRepository(unitOfWork, bus, options.caches.catalogues);
  const passwords = new Passwords(options.hashing);
  const credentials = { passwords, checks: new CredentialChecks(passwords, throttle) };
  const households: HouseholdsService = new HouseholdsService(
    unitOfWork,
    profilesRepository,
    tokens,
    apps,
    moviesRepository,
    iconsRepository,
    new PinsRepository(unitOfWork),
    users,
    passwords,
    // Sessions are built next (they ask households for profiles); by the time a profile is switched, they exist.
    (principal, profileId) => sessions.issueProfileToken(principal, profileId),
    audit,
  );
  const sessions: SessionsService = new SessionsService(
    unitOfWork,
    { users, tokens },
    apps,
    households.directory(),
    credentials,
    { throttle, rateLimiter, audit },
    { expiredTokenRetentionMs: options.expiredTokenRetentionMs },
  );
  // Recovery is built after identity (it asks identity who a call targets); by the time a user signs up, it exists.
  const verifications = {
    addressesChanged: (...args: Parameters<RecoveryService['addressesChanged']>) => recovery.addressesChanged(...args),
  };
  const identity = new IdentityService(
    unitOfWork,
    { users, tokens },
    apps,
    households.directory(),
    sessions,
    credentials,
    { rateLimiter, audit, verifications },
  );
  const preferencesRepository = new PreferencesRepository(unitOfWork, bus, options.caches.catalogues);
  const jobsRepository = new JobsRepository(unitOfWork);
  const jobs = new JobsService(unitOfWork, jobsRepository, audit);
  const preferences = new PreferencesService(unitOfWork, preferencesRepository, identity, audit, jobs);
  const students = new StudentsService(unitOfWork, new StudentsRepository(unitOfWork), identity, audit, jobs);
  registerIdentityJobs(jobs, sessions, apps);
  registerThrottlingJobs(jobs, apps, throttle, rateLimiter);
  const workers = new WorkerPool(options.workerThreads);
  const recommendationsRepository = new RecommendationsRepository(unitOfWork);
  const recommender = options.recommender;
  const messaging = new MessagingService(
    unitOfWork,
    new MessagingRepository(unitOfWork),
    jobs,
    audit,
    options.messaging.transports,
  );
  registerMessagingJobs(jobs, messaging, apps);
  const recovery: RecoveryService = new RecoveryService(
    {
      unitOfWork,
      codes: new RecoveryRepository(unitOfWork),
      users,
      tokens,
      apps,
      identity,
      messaging,
      jobs,
      passwords,
      checks: credentials.checks,
      rateLimiter,
      audit,
    },
    { publicUrl: options.messaging.publicUrl },
  );
  registerRecoveryJobs(jobs, recovery, apps);
  const recommendations = new RecommendationsService(
    unitOfWork,
    recommendationsRepository,
    identity,
    jobs,
    workers,
    new ServingCache(recommendationsRepository, bus, {
      maxBytes: recommender.cacheBytes,
      ttlMs: recommender.cacheTtlMs,
    }),
    {
      settings: {
        ...defaultTrainingSettings,
        denseLimit: recommender.denseLimit,
        keep: recommender.weightsPerItem,
      },
      retrainDelayMs: recommender.retrainDelayMs,
      evaluate: recommender.evaluate,
    },
  );
  registerRecommendationJobs(jobs, recommendations, apps, recommender.refreshMs);
  const icons = new IconsService(unitOfWork, iconsRepository, audit);
  const movies = new MoviesService(unitOfWork, moviesRepository, audit, jobs);
  const historyRepository = new HistoryRepository(unitOfWork, bus, options.caches.catalogues);
  const history = new HistoryService(
    unitOfWork,
    historyRepository,
    moviesRepository,
    users,
    identity,
    (appId) => recommendations.historyChanged(appId),
    audit,
  );
  const accounts = new AccountsService(
    unitOfWork,
    users,
    tokens,
    identity,
    apps,
    {
      preferences: (appId, userId) => preferences.valuesOfUser(appId, userId),
      studentInformation: (appId, userId) => students.studentInformationOf(appId, userId),
      history: (appId, userId) => history.historyOf(appId, userId),
      profiles: (appId, userId) => households.profilesOf(appId, userId),
      // The social domain is built next; exports run long after.
      social: (appId, userId) => social.recordOf(appId, userId),
    },
    audit,
    passwords,
    verifications,
  );
  const containers = new ContainersRepository(unitOfWork);
  const notifications = new NotificationsService(
    unitOfWork,
    new NotificationsRepository(unitOfWork),
    containers,
    users,
    jobs,
    audit,
  );
  const social = new SocialService(
    unitOfWork,
    containers,
    new ReferralsRepository(unitOfWork),
    users,
    notifications,
    audit,
  );
  const onboarding = new OnboardingService(identity, sessions, accounts, social);
  const notificationStreams = new NotificationStreams(
    bus,
    notifications,
    (appId, tokenId) => tokens.exists(appId, tokenId),
    options.streams ?? defaultStreamOptions,
    options.log,
  );
  const jobRunner = new JobRunner(jobs, jobsRepository, bus, workers, options.jobs, options.log);
  return {
    apps,
    identity,
    sessions,
    passwords,
    accounts,
    preferences,
    students,
    movies,
    history,
    recommendations,
    icons,
    households,
    onboarding,
    social,
    notifications,
    notificationStreams,
    jobs,
    audit,
    recovery,
    messaging,
    rateLimits: rateLimiter,
    credentialThrottle: throttle,
    jobRunner,
    workers,
    cacheStats: () => ({
      apps: appsRepository.cacheStats,
      users: users.cacheStats,
      tokens: tokens.cacheStats,
      profiles: profilesRepository.cacheStats,
      preferenceCatalogues: preferencesRepository.cacheStats,
      movieSummaries: moviesRepository.cacheStats,
      historyMarks: historyRepository.cacheStats,
    }),
  };
}
