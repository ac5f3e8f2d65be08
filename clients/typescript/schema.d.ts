export interface paths {
    "/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The process is up */
        get: operations["getHealth"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/readyz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The database answers (within READY_TIMEOUT_MS) and can take a write */
        get: operations["getReadiness"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/oauth2/token": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Issue tokens: password log-in, refresh, or app-admin client credentials
         * @description Client credentials without client_id in the body need them as HTTP Basic (400 otherwise); expiresAt must lie in the future (400 otherwise).
         */
        post: operations["issueToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/apps/{appID}/oauth2/token": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Issue tokens: password log-in, refresh, or app-admin client credentials
         * @description Client credentials without client_id in the body need them as HTTP Basic (400 otherwise); expiresAt must lie in the future (400 otherwise).
         */
        post: operations["issueAppToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/apps/{appID}/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sign up a user, or a pseudo user (RegistrationAndAuthorizationRequest / AnonymousUserRegistrationRequest)
         * @description The content type chooses the body: a pseudo user's types take no identifier and no password. A password must also be as long as the app's passwordMinLength asks (400 otherwise).
         */
        post: operations["signUp"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/apps/{appID}/users/{userRef}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Read a user: me, by id, or by LOGIN_NAME:, EMAIL:, PHONE: */
        get: operations["getUser"];
        put?: never;
        /**
         * Update a user: given predefined fields change, custom fields are replaced wholesale
         * @description A password may be set only on a user that has none, together with an identifier; an identifier may be set only on a user with a password (or with the password it gets now). Otherwise 400.
         */
        post: operations["updateUser"];
        /** Delete a user and end all its tokens */
        delete: operations["deleteUser"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/apps/{appID}/users/{userRef}/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Change the password (the admin may omit oldPassword); every token of the user ends
         * @description oldPassword is required of the user (400 without it); only the app's admin may leave it out. newPassword must be as long as the app's passwordMinLength asks (400 otherwise).
         */
        put: operations["changePassword"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/apps/{appID}/users/{userRef}/password/request-reset": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Ask for a password reset: a link by email or SMS, or a PIN by SMS; 204 whether or not the user exists */
        post: operations["requestPasswordReset"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/apps/{appID}/users/{userRef}/password/complete-reset": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Set a new password with the PIN (or link token) that was sent; without newPassword one is generated and sent */
        post: operations["completePasswordReset"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/apps/{appID}/users/{userRef}/email-address/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Verify the user's email address with the code sent to it */
        post: operations["verifyEmailAddress"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/apps/{appID}/users/{userRef}/email-address/resend-verification": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send the verification of the user's email address again */
        post: operations["resendEmailAddressVerification"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/apps/{appID}/users/{userRef}/phone-number/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Verify the user's phone number with the code sent to it */
        post: operations["verifyPhoneNumber"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/apps/{appID}/users/{userRef}/phone-number/resend-verification": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send the verification of the user's phone number again */
        post: operations["resendPhoneNumberVerification"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/apps/{appID}/users/{userRef}/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Disable or enable a user (admin); disabling ends its tokens */
        put: operations["setUserStatus"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users/{userId}/profile/preferences": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The user's preferences in the given categories (filter=A&filter=B or filter=A,B) */
        get: operations["getPreferences"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Set the user's value for one preference option */
        patch: operations["setPreference"];
        trace?: never;
    };
    "/users/{userId}/profile/student-information": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The user's student information, newest year first */
        get: operations["listStudentInformation"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users/{userId}/profile/student-information/{year}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The user's student information for one year */
        get: operations["getStudentInformation"];
        /**
         * Replace the student information of a year (created when absent)
         * @description schoolId and studyLevel must name options of the app's catalogues (400 naming each that does not).
         */
        put: operations["replaceStudentInformation"];
        /**
         * Add the student information of a year (409 when the year has some)
         * @description schoolId and studyLevel must name options of the app's catalogues (400 naming each that does not).
         */
        post: operations["createStudentInformation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/metadata/users/school-options": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Schools of the app, by name; search ignores case and accents */
        get: operations["searchSchoolOptions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/metadata/users/study-level-options": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Study levels of the app, by name; search ignores case and accents */
        get: operations["searchStudyLevelOptions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users/{userId}/movies/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The user's movie history, newest first */
        get: operations["listHistory"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users/{userId}/movies/history/{movieId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove every viewing of a movie from the user's history */
        delete: operations["deleteFromHistory"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users/{userId}/movies/recommendations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Movies for the user, best first, with the reasons; never watched ones, never above the profile thresholds */
        get: operations["listRecommendations"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/userprofiles/v1/user/userprofiles": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The account's profiles, the default first (limit and page select a slice; page needs limit)
         * @description page without limit → 400.
         */
        get: operations["listProfiles"];
        put?: never;
        /**
         * Create a profile of the account
         * @description Each threshold must name a ratings body of the app and one of its ratings, at most one per body, and iconName one of the app's icons (400 otherwise).
         */
        post: operations["createProfile"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/userprofiles/v1/user/userprofiles/{profileId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One profile of the account */
        get: operations["getProfile"];
        /**
         * Change some fields of a profile
         * @description Each threshold must name a ratings body of the app and one of its ratings, at most one per body, and iconName one of the app's icons (400 otherwise). The profile as changed must hold too: a child profile keeps a threshold, and the default profile cannot become a child profile.
         */
        put: operations["updateProfile"];
        post?: never;
        /** Delete a profile (not the default); its tokens end. Answers 201, as NAGRA documents */
        delete: operations["deleteProfile"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/imagemetadata/v1/profile": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The app's profile icons */
        get: operations["listProfileIcons"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ias/v3/token/actions/changeUserProfile": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A new access token bound to another profile of the account (leaving a child profile needs the PIN) */
        post: operations["switchProfile"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/userprofiles/v1/user/pin": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Set the account's parental PIN (4–8 digits); changing a set PIN needs currentPin */
        put: operations["setPin"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/userprofiles/v1/user/pin/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The PIN's status: UNSET, SET or LOCKED (with the seconds left) */
        get: operations["getPinStatus"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/user/auth/register": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Register with an email or a login name, a password and perhaps a handle; answers a session */
        post: operations["v1Register"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/user/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Log in with a login name, email or phone number and the password */
        post: operations["v1LogIn"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/user/auth/refresh-session": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A new session token; the refresh token stays until it expires */
        post: operations["v1RefreshSession"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/user/profile": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The own profile, exactly the fields asked (fields=a,b or fields=a&fields=b) */
        get: operations["v1GetProfile"];
        put?: never;
        /** Change the display name, handle, biography, date of birth or avatar; answers the whole profile */
        post: operations["v1UpdateProfile"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/user/by-id/{username}/public": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A member's public profile (by handle or id) in a container: any token of the app; a non-member is 404 */
        get: operations["v1GetPublicProfile"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/user/containers/{containerId}/join": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Join a container (by id or slug): 201 when joined now, 200 when a member already */
        post: operations["v1JoinContainer"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/user/referrals": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The users who joined through the own referral, newest first */
        get: operations["v1ListReferrals"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/user/notifications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The own notifications in a container (and the app-wide ones), newest first, with the unread count */
        get: operations["v1ListNotifications"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/user/notifications/read": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Mark notifications read: the given ones, or all of a container, or all (the body is optional) */
        post: operations["v1MarkNotificationsRead"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/user/notifications/stream": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Live notifications of a container (and the app-wide ones) as Server-Sent Events, from any instance */
        get: operations["v1StreamNotifications"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/app": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The app and its settings */
        get: operations["getApp"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Change some settings
         * @description The settings as changed must agree: refreshTokenTtlSeconds no shorter than accessTokenTtlSeconds, logInLockAfterFailures no less than logInDelayAfterFailures (400 otherwise).
         */
        patch: operations["updateAppSettings"];
        trace?: never;
    };
    "/admin/v1/app/rotate-secret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A new admin client secret, shown once: the old one and every admin token (this one too) end */
        post: operations["rotateClientSecret"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/app/rotate-key": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A new app key, shown once: every client app must then send it (admin tokens and sessions stay) */
        post: operations["rotateAppKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/activity": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Sign-ups and active users (a token issued that day, still stored) per UTC day, oldest first */
        get: operations["getActivity"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The audit log, newest first: who did what and when (keyset-paged; filters by user, action, time)
         * @description `to` must be later than `from` (400 otherwise).
         */
        get: operations["listAuditEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List users, optionally by a prefix of login name, email, phone or display name (keyset-paged) */
        get: operations["listUsers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/users/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One user */
        get: operations["adminGetUser"];
        put?: never;
        post?: never;
        /** Delete a user and everything it owns */
        delete: operations["adminDeleteUser"];
        options?: never;
        head?: never;
        /**
         * Change some fields of a user, with the rules of its own update (custom fields are replaced whole)
         * @description Identifiers must stay unique in the app (409); custom fields total at most 63 KB as JSON (400).
         */
        patch: operations["adminUpdateUser"];
        trace?: never;
    };
    "/admin/v1/users/{id}/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Disable or enable a user */
        put: operations["adminSetUserStatus"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/users/{id}/pin": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A user's parental PIN: whether it is set, wrong attempts and the lock (never the PIN) */
        get: operations["getUserPinState"];
        put?: never;
        post?: never;
        /** Reset a user's parental PIN (the account sets a new one without the old) */
        delete: operations["resetUserPin"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/users/{id}/pin/unlock": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Lift a user's parental PIN lock and forget the wrong attempts, keeping the PIN (audited user.pin_unlocked) */
        post: operations["liftUserPinLock"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/users/{id}/revoke-tokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** End every token of a user */
        post: operations["revokeUserTokens"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/users/{id}/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Everything stored about a user, as one document */
        get: operations["exportUser"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/jobs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The app's background jobs, newest first (keyset-paged), with progress, errors and attempts */
        get: operations["listJobs"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/jobs/{id}/retry": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Run a failed job again, with all its attempts (audited as job.retried)
         * @description Only a failed job can be retried (409 otherwise).
         */
        post: operations["retryJob"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/users/{id}/credentials": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A user's log-in failures and locks: the account's own record and one per address */
        get: operations["getUserCredentialState"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/users/{id}/unlock": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Lift a user's log-in locks and forget their failures, on every instance (audited credentials.unlocked) */
        post: operations["liftUserLocks"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/jobs/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A background job of the app: its status, progress and outcome */
        get: operations["getJob"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/users/{id}/messages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send a user a password reset link or a verification of an address; delivered in the background */
        post: operations["sendUserMessage"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/outbox": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The app's messages, newest first: waiting, sent, failed, and held (no transport configured) */
        get: operations["listOutbox"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/message-templates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The app's own message templates (kinds and locales without one use the English defaults) */
        get: operations["listMessageTemplates"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/message-templates/{kind}/{locale}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Set the wording of one kind of message in one locale */
        put: operations["saveMessageTemplate"];
        post?: never;
        /** Delete the app's template: that locale falls back to the language's, then English */
        delete: operations["deleteMessageTemplate"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/preference-options": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List preference options in id order (keyset-paged), of one category when given */
        get: operations["listPreferenceOptions"];
        /**
         * Insert or update preference options, all or none (an item without id matches category and label)
         * @description Ids, and labels within a category, must not repeat in a batch nor belong to another option (400).
         */
        put: operations["upsertPreferenceOptions"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/preference-options/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Insert or update preference options, all or none, in a background job
         * @description Checked at once as `PUT /admin/v1/preference-options` checks a batch (400, no job); a label another option of its category holds is found by the job, which then fails saying so.
         */
        post: operations["importPreferenceOptions"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/preference-options/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete a preference option and every user's value for it */
        delete: operations["deletePreferenceOption"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/schools": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List schools in id order (keyset-paged) */
        get: operations["listSchools"];
        /**
         * Insert or rename schools, all or none (an item without id matches the name)
         * @description Ids must not repeat in a batch (400).
         */
        put: operations["upsertSchools"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/schools/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Insert or rename schools, all or none, in a background job
         * @description Checked at once as `PUT /admin/v1/schools` checks a batch (400, no job); the job applies it in one transaction.
         */
        post: operations["importSchools"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/schools/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete one of the schools (refused while student information names it) */
        delete: operations["deleteSchool"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/study-levels": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List study levels in id order (keyset-paged) */
        get: operations["listStudyLevels"];
        /**
         * Insert or rename study levels, all or none (an item without id matches the name)
         * @description Ids must not repeat in a batch (400).
         */
        put: operations["upsertStudyLevels"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/study-levels/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Insert or rename study levels, all or none, in a background job
         * @description Checked at once as `PUT /admin/v1/study-levels` checks a batch (400, no job); the job applies it in one transaction.
         */
        post: operations["importStudyLevels"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/study-levels/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete one of the study levels (refused while student information names it) */
        delete: operations["deleteStudyLevel"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/ratings-bodies": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List ratings bodies in id order (keyset-paged) */
        get: operations["listRatingsBodies"];
        /**
         * Insert or replace ratings bodies with their ratings, mildest first (all or none)
         * @description Ids must not repeat in a batch (400); a rating that movies carry cannot be dropped (409).
         */
        put: operations["upsertRatingsBodies"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/ratings-bodies/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete a ratings body (refused while a movie is rated by it) */
        delete: operations["deleteRatingsBody"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/movies": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List movies in id order (keyset-paged) */
        get: operations["listMovies"];
        /**
         * Insert or replace up to 10,000 movies: checked whole, then written in chunks
         * @description Ids must not repeat in a batch; each rating must be one of its ratings body, a body of the app (400).
         */
        put: operations["upsertMovies"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/movies/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Insert or replace up to 10,000 movies in a background job that reports its progress
         * @description Checked whole at once as `PUT /admin/v1/movies` checks it (400 naming every bad item, and no job starts).
         */
        post: operations["importMovies"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/movies/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete a movie (refused while it is in someone's history) */
        delete: operations["deleteMovie"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Ingest up to 100,000 viewings, idempotent on user, movie and time: checked whole, written in chunks
         * @description Every userId must be a user of the app and every movieId a movie of the app (400 naming each item).
         */
        post: operations["ingestHistory"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/recommendations/train": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Start a training of the app's recommender model now; answers at once with the job */
        post: operations["trainRecommender"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/recommendations/model": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The app's newest recommender model: version, algorithm, parameters, size, times, offline metrics */
        get: operations["getRecommenderModel"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/icons": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List profile icons in id order (keyset-paged) */
        get: operations["listIcons"];
        /**
         * Insert or update profile icons (all or none)
         * @description Ids must not repeat in a batch (400).
         */
        put: operations["upsertIcons"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/icons/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete a profile icon */
        delete: operations["deleteIcon"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/containers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List containers in id order (keyset-paged) */
        get: operations["listContainers"];
        /** Create or change a container: by id when given, else by slug */
        put: operations["saveContainer"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/containers/{id}/members": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Add up to 100,000 users of the app to a container (by id or slug): checked whole, added in chunks */
        post: operations["addContainerMembers"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/notifications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Notify users (201, stored at once) or every member of a container (202: a background job, answered at once) */
        post: operations["sendNotification"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/links/{appID}/verify/{token}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Confirm the email address a verification link was sent to */
        get: operations["openVerificationLink"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/links/{appID}/reset/{token}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The form to choose a new password (opening it changes nothing) */
        get: operations["openResetLink"];
        put?: never;
        /** Set the new password the reset page's form sends; every token of the user ends */
        post: operations["submitResetLink"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /**
         * @description RFC 7807 problem details with a stable `code`, as the admin API and operations answer errors
         * @example {
         *       "type": "https://persona.dev/problems/user-not-found",
         *       "title": "User not found.",
         *       "status": 404,
         *       "detail": "No such user",
         *       "code": "user_not_found"
         *     }
         */
        AdminProblem: {
            /** @description A URI naming the problem, `https://persona.dev/problems/<code>` */
            type: string;
            title: string;
            status: number;
            detail: string;
            /** @description The core's error code (docs/errors.md), http_<status> or internal */
            code: string;
            /** @description When the input was refused: each field and why */
            errors?: {
                field: string;
                message: string;
            }[];
            /**
             * @description Only on 503: why the database cannot serve (its disk is full, it takes no writes…); docs/errors.md
             * @enum {string}
             */
            cause?: "disk_full" | "read_only" | "io_error" | "corrupt" | "insufficient_resources";
        };
        AppSettings: {
            accessTokenTtlSeconds: number;
            refreshTokenTtlSeconds: number;
            exposeFullUserDataToOthers: boolean;
            maxProfilesPerAccount: number;
            emailVerificationRequired: boolean;
            phoneVerificationRequired: boolean;
            passwordMinLength: number;
            logInDelayAfterFailures: number;
            logInLockAfterFailures: number;
            logInLockSeconds: number;
            logInFailureMemorySeconds: number;
            accountLockAfterFailures: number;
            addressLockAfterFailures: number;
            rateLimitWindowSeconds: number;
            signUpsPerAddress: number;
            logInsPerAddress: number;
            anonymousCallsPerApp: number;
            recoveryLinkTtlSeconds: number;
            recoveryPinTtlSeconds: number;
            recoveryCodeAttempts: number;
            recoveryRequestsPerAddress: number;
            recoveryRequestsPerIdentifier: number;
        };
        App: {
            appId: string;
            name: string;
            settings: components["schemas"]["AppSettings"];
        };
        AppSettingsChange: {
            settings: {
                accessTokenTtlSeconds?: number;
                refreshTokenTtlSeconds?: number;
                exposeFullUserDataToOthers?: boolean;
                maxProfilesPerAccount?: number;
                emailVerificationRequired?: boolean;
                phoneVerificationRequired?: boolean;
                passwordMinLength?: number;
                logInDelayAfterFailures?: number;
                logInLockAfterFailures?: number;
                logInLockSeconds?: number;
                logInFailureMemorySeconds?: number;
                accountLockAfterFailures?: number;
                addressLockAfterFailures?: number;
                rateLimitWindowSeconds?: number;
                signUpsPerAddress?: number;
                logInsPerAddress?: number;
                anonymousCallsPerApp?: number;
                recoveryLinkTtlSeconds?: number;
                recoveryPinTtlSeconds?: number;
                recoveryCodeAttempts?: number;
                recoveryRequestsPerAddress?: number;
                recoveryRequestsPerIdentifier?: number;
            };
        };
        AdminUser: {
            id: string;
            internalId: number;
            loginName: string | null;
            emailAddress: string | null;
            emailVerified: boolean;
            phoneNumber: string | null;
            phoneVerified: boolean;
            displayName: string | null;
            country: string | null;
            locale: string | null;
            customFields: {
                [key: string]: unknown;
            };
            hasPassword: boolean;
            disabled: boolean;
            handle: string | null;
            biography: string | null;
            dateOfBirth: string | null;
            avatarUrl: string | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            modifiedAt: string;
        };
        AdminUserPage: {
            items: components["schemas"]["AdminUser"][];
            nextCursor: string | null;
        };
        AdminUserStatus: {
            disabled: boolean;
        };
        RevokedTokens: {
            revoked: number;
        };
        UserExport: {
            /** Format: date-time */
            exportedAt: string;
            user: components["schemas"]["AdminUser"];
            tokens: {
                id: string;
                kind: string;
                profileId: string | null;
                /** Format: date-time */
                createdAt: string;
                /** Format: date-time */
                expiresAt: string;
            }[];
            preferences: {
                id: string;
                category: string;
                label: string;
                value: boolean;
            }[];
            studentInformation: {
                year: number;
                id: string;
                schoolId: string;
                schoolName: string;
                studyLevel: string;
                studyLevelName: string;
                academicYear: string;
                lastYear: boolean;
                /** Format: date-time */
                modifiedAt: string;
            }[];
            /** @description The containers the user is a member of */
            memberships: {
                containerId: string;
                /** Format: date-time */
                joinedAt: string;
            }[];
            referrerId: string | null;
            profiles: {
                id: string;
                default: boolean;
                name: string;
                childProfile: boolean;
                ratingsThresholds: {
                    ratingsBody: string;
                    ratingsThreshold: string;
                }[];
                /** Format: date-time */
                createdAt: string;
            }[];
            history: {
                movieId: string;
                title: string;
                /** Format: date-time */
                watchedAt: string;
                technology: string | null;
                version: string | null;
            }[];
        };
        PreferenceOption: {
            id: string;
            category: string;
            label: string;
            attribute: string | null;
            position: number;
            /** Format: date-time */
            modifiedAt: string;
        };
        PreferenceOptionsUpsert: {
            items: {
                /** Format: uuid */
                id?: string;
                /**
                 * @description One of the 17 preference categories
                 * @enum {string}
                 */
                category: "Newsletter" | "MovieGenre" | "MovieBasedOn" | "MovieTechnology" | "MovieVersion" | "MovieCinemanie" | "MovieCountry" | "MovieActor" | "MovieDirector" | "MovieAward" | "PersonalProfession" | "PersonalStudyLevel" | "PersonalFamilySize" | "CinemaVisitFrequency" | "OtherMusicGenre" | "OtherSport" | "OtherAlternativeContent";
                /** @description Unique in its category, whatever the case */
                label: string;
                attribute?: string | null;
                position?: number;
            }[];
        };
        PreferenceOptionPage: {
            items: components["schemas"]["PreferenceOption"][];
            nextCursor: string | null;
        };
        CatalogueOption: {
            id: string;
            name: string;
            /** Format: date-time */
            modifiedAt: string;
        };
        CatalogueOptionsUpsert: {
            items: {
                id?: string;
                name: string;
            }[];
        };
        CatalogueOptionPage: {
            items: components["schemas"]["CatalogueOption"][];
            nextCursor: string | null;
        };
        UpsertCount: {
            count: number;
        };
        Job: {
            id: string;
            kind: string;
            status: "queued" | "running" | "succeeded" | "failed";
            attempts: number;
            maxAttempts: number;
            /** @description What the job last reported, as the job defines it */
            progress: unknown;
            /** @description What the job returned, once it succeeded */
            result: unknown;
            lastError: string | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
            finishedAt: string | null;
        };
        JobPage: {
            items: components["schemas"]["Job"][];
            nextCursor: string | null;
        };
        ImportStarted: {
            /** @description The import job: follow its `progress` at `GET /admin/v1/jobs/{id}` */
            jobId: string;
        };
        RotatedAppKey: {
            appKey: string;
        };
        CredentialState: {
            /** @description `account`: every address together (the account lock); `pair`: one address */
            scope: "account" | "pair";
            address: string | null;
            failures: number;
            lastFailureAt: string | null;
            lockedUntil: string | null;
            lastSuccessAt: string | null;
        };
        CredentialStates: {
            items: components["schemas"]["CredentialState"][];
        };
        LocksLifted: {
            /** @description How many locks held */
            lifted: number;
        };
        UserPinState: {
            status: "UNSET" | "SET" | "LOCKED";
            /** @description Wrong PINs in a row since the last right one */
            failedAttempts: number;
            /** @description When the lock ends; null when PIN checks are not locked */
            lockedUntil: string | null;
        };
        PinLockLifted: {
            /** @description Whether a lock held */
            lifted: boolean;
        };
        Activity: {
            items: {
                /**
                 * Format: date
                 * @description A UTC day
                 */
                day: string;
                signUps: number;
                /** @description Users who got a token that day, among the tokens still stored */
                activeUsers: number;
            }[];
        };
        RatingsBody: {
            id: string;
            name: string;
            /** @description mildest first */
            ratings: string[];
            /** Format: date-time */
            modifiedAt: string;
        };
        RatingsBodiesUpsert: {
            items: {
                id: string;
                name: string;
                /** @description mildest first */
                ratings: string[];
            }[];
        };
        RatingsBodyPage: {
            items: components["schemas"]["RatingsBody"][];
            nextCursor: string | null;
        };
        Movie: {
            id: string;
            title: string;
            year: number;
            genres: string[];
            actors: string[];
            directors: string[];
            countries: string[];
            technologies: string[];
            versions: string[];
            awards: string[];
            basedOn: string | null;
            ratings: {
                [key: string]: string;
            };
            posterUrl: string | null;
            /** Format: date-time */
            modifiedAt: string;
        };
        MoviesUpsert: {
            items: {
                /** Format: uuid */
                id: string;
                title: string;
                year: number;
                genres?: string[];
                actors?: string[];
                directors?: string[];
                countries?: string[];
                technologies?: string[];
                versions?: string[];
                awards?: string[];
                basedOn?: string | null;
                /** @description A rating of each ratings body (of the app) that rated the movie */
                ratings?: {
                    [key: string]: string;
                };
                posterUrl?: string | null;
            }[];
        };
        MoviePage: {
            items: components["schemas"]["Movie"][];
            nextCursor: string | null;
        };
        HistoryIngest: {
            items: {
                /**
                 * Format: uuid
                 * @description A user of the app
                 */
                userId: string;
                /**
                 * Format: uuid
                 * @description A movie of the app
                 */
                movieId: string;
                /**
                 * Format: date-time
                 * @description ISO 8601 with a zone
                 */
                watchedAt: string;
                technology?: string | null;
                version?: string | null;
            }[];
        };
        HistoryIngestResult: {
            /** @description items received */
            count: number;
            /** @description viewings that were new (the rest were stored already) */
            stored: number;
        };
        Icon: {
            /** @description the resource id a profile names as iconName */
            id: string;
            uri: string;
            aspect: string;
            imageId: string;
            /** Format: date-time */
            modifiedAt: string;
        };
        IconsUpsert: {
            items: {
                id: string;
                /** Format: uri */
                uri: string;
                /** @description WxH, such as 1x1 */
                aspect?: string;
                imageId?: string;
            }[];
        };
        IconPage: {
            items: components["schemas"]["Icon"][];
            nextCursor: string | null;
        };
        RotatedSecret: {
            clientId: string;
            clientSecret: string;
        };
        AdminUserChange: {
            /** @description 3 to 64 of A-Z, a-z, 0-9, dot, underscore, hyphen */
            loginName?: string;
            emailAddress?: string;
            /** @description E.164: + and up to 15 digits */
            phoneNumber?: string;
            displayName?: string;
            /** @description ISO 3166-1 alpha-2, in capitals */
            country?: string;
            /** @description A language tag: en, pt-BR */
            locale?: string;
            /** @description replaces them all */
            customFields?: {
                [key: string]: unknown;
            };
            emailVerified?: boolean;
            phoneVerified?: boolean;
        };
        /**
         * @example {
         *       "id": "019ad5e2-7c41-7a35-9b0e-4f8d2c1a6b3e",
         *       "occurredAt": "2026-11-30T16:20:00.000Z",
         *       "actor": {
         *         "kind": "admin",
         *         "id": "5f0c8e7d9a1b2c3d4e5f60718293a4b5",
         *         "address": "198.51.100.7"
         *       },
         *       "action": "user.disabled",
         *       "userId": "019ad5e1-0b22-7c4d-8e6f-1a2b3c4d5e6f",
         *       "details": {}
         *     }
         */
        AuditEvent: {
            /** @description UUIDv7: ordered by time */
            id: string;
            /** Format: date-time */
            occurredAt: string;
            actor: {
                kind: "admin" | "user" | "operator" | "system";
                id: string | null;
                address: string | null;
            };
            /** @description One of the actions listed in docs/faces/admin.md */
            action: string;
            userId: string | null;
            /** @description What was done; never a secret */
            details: {
                [key: string]: unknown;
            };
        };
        AuditPage: {
            items: components["schemas"]["AuditEvent"][];
            nextCursor: string | null;
        };
        RecommenderTrainingStarted: {
            /** @description The training job: follow it at `GET /admin/v1/jobs/{id}` */
            jobId: string;
        };
        RecommendationModel: {
            /** @description The model's version in the app (every instance serves the newest) */
            version: number;
            /** Format: date-time */
            trainedAt: string;
            /** @description `ease`: exact EASE (a dense inverse); `neighbourhood-ease`: EASE fitted per item on its nearest items, for large catalogues; `popularity`: no history to learn from yet */
            algorithm: "ease" | "neighbourhood-ease" | "popularity";
            /** @description The settings it was trained with (λ, dropout, weights kept per item…) */
            parameters: {
                [key: string]: number | string | boolean | null;
            };
            /** @description Movies with viewings, which the model knows */
            items: number;
            users: number;
            /** @description Distinct (user, movie) pairs learned from */
            interactions: number;
            /** @description Weights stored */
            entries: number;
            /** @description Bytes of the stored model */
            sizeBytes: number;
            trainingMs: number;
            evaluationMs: number;
            metrics: {
                protocol: string;
                heldOutUsers: number;
                model: {
                    ndcgAt10: number;
                    recallAt20: number;
                    recallAt50: number;
                };
                popularity: {
                    ndcgAt10: number;
                    recallAt20: number;
                    recallAt50: number;
                };
            } | null;
        };
        /**
         * @description Placeholders: {{link}}, {{code}}, {{password}}, {{appName}}, {{userName}}, {{minutes}} (escaped in HTML). Each body must hold the one its kind needs: {{link}} (resets and email verification), {{code}} (PIN and phone verification) or {{password}} (new password).
         * @example {
         *       "subject": "Votre compte {{appName}}",
         *       "text": "Bonjour {{userName}} : ouvrez {{link}} ou saisissez {{code}} dans les {{minutes}} minutes ({{password}}).",
         *       "html": "<p>Bonjour {{userName}}, <a href=\"{{link}}\">ouvrez ce lien</a> ou saisissez {{code}} ({{password}}).</p>"
         *     }
         */
        MessageTemplateInput: {
            /** @description Emails only */
            subject?: string;
            text: string;
            /** @description Emails only */
            html?: string;
        };
        MessageTemplate: {
            /**
             * @description The kind of message (its channel follows: *_email and email_verification by email, the rest by SMS)
             * @enum {unknown}
             */
            kind: "password_reset_email" | "password_reset_sms" | "password_reset_pin_sms" | "email_verification" | "phone_verification" | "new_password_email" | "new_password_sms";
            locale: string;
            subject: string | null;
            text: string;
            html: string | null;
            /** Format: date-time */
            modifiedAt: string;
        };
        MessageTemplateList: {
            items: components["schemas"]["MessageTemplate"][];
        };
        OutboxMessage: {
            id: string;
            userId: string;
            /**
             * @description The kind of message (its channel follows: *_email and email_verification by email, the rest by SMS)
             * @enum {unknown}
             */
            kind: "password_reset_email" | "password_reset_sms" | "password_reset_pin_sms" | "email_verification" | "phone_verification" | "new_password_email" | "new_password_sms";
            channel: "email" | "sms";
            recipient: string;
            locale: string;
            subject: string | null;
            text: string | null;
            html: string | null;
            /**
             * @description queued (waiting for delivery), sent, failed, held (no transport: the embedded outbox)
             * @enum {unknown}
             */
            status: "queued" | "sent" | "failed" | "held";
            attempts: number;
            lastError: string | null;
            /** Format: date-time */
            createdAt: string;
            sentAt: string | null;
        };
        OutboxPage: {
            items: components["schemas"]["OutboxMessage"][];
            nextCursor: string | null;
        };
        /**
         * @example {
         *       "message": "password_reset",
         *       "channel": "email"
         *     }
         */
        SendMessage: {
            /** @description A password reset link, or a verification of the email address or phone number */
            message: "password_reset" | "email_verification" | "phone_verification";
            /** @description A reset only: email (the default when the user has an email address) or sms */
            channel?: "email" | "sms";
        };
        SentMessage: {
            messageId: string;
        };
        Container: {
            id: string;
            slug: string;
            name: string;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            modifiedAt: string;
        };
        ContainerSave: {
            /** @description Created with this id when the app has no such container; absent: the slug names it */
            id?: string;
            /** @description Unique in the app */
            slug: string;
            name: string;
        };
        ContainerPage: {
            items: components["schemas"]["Container"][];
            nextCursor: string | null;
        };
        ContainerMembersAdd: {
            /** @description Users of the app; an unknown one refuses the whole call (400, each named) */
            userIds: string[];
        };
        ContainerMembersAdded: {
            /** @description users who became members (those who were stay as they were) */
            count: number;
        };
        NotificationSend: {
            /** @description To these users (in `containerId` when given, else app-wide); absent: every member of `containerId` */
            userIds?: string[];
            /** @description A container’s id or slug */
            containerId?: string;
            /** @description A name the client knows */
            type: string;
            title: string;
            body: string;
            /** @description At most 4,096 bytes as JSON */
            data?: {
                [key: string]: unknown;
            };
        } | unknown | unknown;
        NotificationsSent: {
            /** @description notifications stored, one per user */
            count: number;
        };
        NotificationsQueued: {
            /** @description The fan-out job (`GET /admin/v1/jobs/{id}`) */
            jobId: string;
        };
        /**
         * @description An error of the household profiles face
         * @example {
         *       "status": 404,
         *       "code": "PROFILE_NOT_FOUND",
         *       "message": "No such profile"
         *     }
         */
        HouseholdError: {
            status: number;
            /** @description The core error code in upper snake case (PROFILE_NOT_FOUND, WRONG_PIN…) */
            code: string;
            message: string;
            /**
             * @description Only on 503: why the database cannot serve (its disk is full, it takes no writes…); docs/errors.md
             * @enum {string}
             */
            cause?: "disk_full" | "read_only" | "io_error" | "corrupt" | "insufficient_resources";
        };
        /**
         * @example {
         *       "name": "Kids",
         *       "childProfile": true,
         *       "ratingsThresholds": [
         *         {
         *           "ratingsBody": "MPAA",
         *           "ratingsThreshold": "PG"
         *         }
         *       ],
         *       "iconName": "icon-fox"
         *     }
         */
        ProfileInput: {
            /** @description Unique in the account, whatever the case */
            name: string;
            childProfile?: boolean;
            pinPromptRequired?: boolean;
            preferredAudioLanguage?: string | null;
            preferredSubtitleLanguage?: string | null;
            /** @description At most one per ratings body */
            ratingsThresholds?: {
                /** @description A ratings body of the app */
                ratingsBody: string;
                /** @description One of its ratings */
                ratingsThreshold: string;
            }[];
            /** @description One of the icons of `GET /imagemetadata/v1/profile` */
            iconName?: string | null;
            additionalProperties?: {
                name: string;
                value: string;
            }[];
        };
        /**
         * @example {
         *       "name": "Little ones",
         *       "preferredAudioLanguage": "fra"
         *     }
         */
        ProfileChange: {
            /** @description Unique in the account, whatever the case */
            name?: string;
            childProfile?: boolean;
            pinPromptRequired?: boolean;
            preferredAudioLanguage?: string | null;
            preferredSubtitleLanguage?: string | null;
            /** @description At most one per ratings body */
            ratingsThresholds?: {
                /** @description A ratings body of the app */
                ratingsBody: string;
                /** @description One of its ratings */
                ratingsThreshold: string;
            }[];
            /** @description One of the icons of `GET /imagemetadata/v1/profile` */
            iconName?: string | null;
            additionalProperties?: {
                name: string;
                value: string;
            }[];
        };
        Profile: {
            _id: string;
            accountId: string;
            default: boolean;
            name: string;
            childProfile: boolean;
            pinPromptRequired: boolean;
            preferredAudioLanguage: string | null;
            preferredSubtitleLanguage: string | null;
            ratingsThresholds: {
                ratingsBody: string;
                ratingsThreshold: string;
            }[];
            iconName: string | null;
            additionalProperties: {
                name: string;
                value: string;
            }[];
        };
        ProfileList: {
            totalRecords: number;
            resourceSet: components["schemas"]["Profile"][];
        };
        PinStatus: {
            status: "UNSET" | "SET" | "LOCKED";
            /** @description seconds */
            lockTimeRemaining: number;
        };
        /**
         * @description Kii's error body; the content type names the exception (`application/vnd.kii.<name>+json`).
         * @example {
         *       "errorCode": "WRONG_TOKEN",
         *       "message": "The access token is unknown or expired"
         *     }
         */
        KiiError: {
            /** @description USER_NOT_FOUND, WRONG_TOKEN, invalid_grant… */
            errorCode: string;
            message: string;
            /** @description OAuth errors (token endpoints): the OAuth error code */
            error?: string;
            /** @description OAuth errors: what went wrong */
            error_description?: string;
            /** @description UserNotFound, AddressAlreadyInUse: the identifier looked up */
            field?: string;
            value?: string;
            appID?: string;
            authenticatedAppID?: string | null;
            authenticatedPrincipalID?: string | null;
            /** @description InvalidInput: the message of each refused field */
            invalidFields?: {
                [key: string]: string;
            };
            /**
             * @description Only on 503: why the database cannot serve (its disk is full, it takes no writes…); docs/errors.md
             * @enum {string}
             */
            cause?: "disk_full" | "read_only" | "io_error" | "corrupt" | "insufficient_resources";
        } & {
            [key: string]: unknown;
        };
        /**
         * @description Predefined fields; every other key not starting with _ is a custom field (all of them together at most 63 KB as JSON).
         * @example {
         *       "displayName": "Alice",
         *       "favouriteColour": "teal"
         *     }
         */
        KiiUserFields: {
            /** @description 3 to 64 of A-Z, a-z, 0-9, dot, underscore, hyphen */
            loginName?: string;
            displayName?: string;
            /** @description ISO 3166-1 alpha-2, in capitals */
            country?: string;
            /** @description A language tag: en, pt-BR */
            locale?: string;
            emailAddress?: string;
            /** @description E.164: + and up to 15 digits */
            phoneNumber?: string;
            /** @description Only for a user without a password (a pseudo user), with an identifier */
            password?: string;
        } & {
            [key: string]: unknown;
        };
        /**
         * @description Predefined fields; every other key not starting with _ is a custom field (all of them together at most 63 KB as JSON).
         * @example {
         *       "loginName": "alice",
         *       "password": "correct-horse-1",
         *       "displayName": "Alice",
         *       "favouriteColour": "teal"
         *     }
         */
        KiiRegistration: ({
            /** @description 3 to 64 of A-Z, a-z, 0-9, dot, underscore, hyphen */
            loginName?: string;
            displayName?: string;
            /** @description ISO 3166-1 alpha-2, in capitals */
            country?: string;
            /** @description A language tag: en, pt-BR */
            locale?: string;
            emailAddress?: string;
            /** @description E.164: + and up to 15 digits */
            phoneNumber?: string;
            /** @description 4 to 50 printable ASCII characters; the app's passwordMinLength may ask more */
            password: string;
        } & {
            [key: string]: unknown;
        }) | unknown | unknown | unknown;
        /**
         * @description Predefined fields; every other key not starting with _ is a custom field (all of them together at most 63 KB as JSON). A pseudo user has no identifier and no password.
         * @example {
         *       "displayName": "Guest",
         *       "favouriteColour": "teal"
         *     }
         */
        KiiPseudoRegistration: {
            displayName?: string;
            /** @description ISO 3166-1 alpha-2, in capitals */
            country?: string;
            /** @description A language tag: en, pt-BR */
            locale?: string;
        } & {
            [key: string]: unknown;
        };
        /**
         * @description A user; custom fields appear as further keys. Another user of the app sees only userID, loginName and displayName unless the app exposes full data.
         * @example {
         *       "userID": "0198c2a4-5b7e-7c3d-9f1a-2b3c4d5e6f70",
         *       "internalUserID": 42,
         *       "loginName": "alice",
         *       "displayName": "Alice",
         *       "_hasPassword": true,
         *       "_disabled": false,
         *       "favouriteColour": "teal"
         *     }
         */
        KiiUser: {
            userID: string;
            internalUserID?: number;
            loginName?: string;
            displayName?: string;
            country?: string;
            locale?: string;
            emailAddress?: string;
            emailAddressVerified?: boolean;
            phoneNumber?: string;
            phoneNumberVerified?: boolean;
            _hasPassword?: boolean;
            _disabled?: boolean;
            /** @description A pseudo user sign-up: its access token */
            _accessToken?: string;
        } & {
            [key: string]: unknown;
        };
        /**
         * @description A log-in (`username`, `password`), a refresh (`refresh_token`) or app-admin client credentials (`client_id` with `client_secret`, or HTTP Basic); `grant_type` defaults from the fields given. JSON or form-encoded.
         * @example {
         *       "grant_type": "password",
         *       "username": "alice",
         *       "password": "correct-horse-1"
         *     }
         */
        KiiTokenRequest: (({
            /** @enum {string} */
            grant_type?: "password";
            username: string;
            password: string;
            /** @description Epoch milliseconds, in the future: the access token expires then, if that is sooner */
            expiresAt?: number | string;
            client_id?: string;
            client_secret?: string;
            refresh_token?: string;
        } & {
            [key: string]: unknown;
        }) & ({
            /** @enum {unknown} */
            grant_type: "password";
        } | unknown)) | (({
            /** @enum {string} */
            grant_type?: "refresh_token";
            username?: string;
            password?: string;
            /** @description Epoch milliseconds, in the future: the access token expires then, if that is sooner */
            expiresAt?: number | string;
            client_id?: string;
            client_secret?: string;
            refresh_token: string;
        } & {
            [key: string]: unknown;
        }) & ({
            /** @enum {unknown} */
            grant_type: "refresh_token";
        } | unknown)) | (({
            /** @enum {string} */
            grant_type?: "client_credentials";
            username?: string;
            password?: string;
            /** @description Epoch milliseconds, in the future: the access token expires then, if that is sooner */
            expiresAt?: number | string;
            client_id?: string;
            client_secret?: string;
            refresh_token?: string;
        } & {
            [key: string]: unknown;
        }) & (({
            /** @enum {unknown} */
            grant_type: "client_credentials";
        } | unknown) & unknown));
        /**
         * @example {
         *       "id": "0198c2a4-5b7e-7c3d-9f1a-2b3c4d5e6f70",
         *       "access_token": "my-app.kT3y0bq2V9x4N7mW1cR8sL6dH5fJ0gA2",
         *       "token_type": "Bearer",
         *       "expires_in": 3600,
         *       "refresh_token": "my-app.Zp8uQ4rT6yW2eR9tY1uI3oP5aS7dF0gH"
         *     }
         */
        KiiTokenResponse: {
            /** @description The user id, or the client id for an admin token */
            id: string;
            access_token: string;
            /** @enum {string} */
            token_type: "Bearer";
            /** @description Seconds until the access token expires */
            expires_in: number;
            refresh_token?: string;
        };
        /**
         * @example {
         *       "oldPassword": "correct-horse-1",
         *       "newPassword": "battery-staple-2"
         *     }
         */
        KiiPasswordChange: {
            /** @description Required unless the app's admin calls */
            oldPassword?: string;
            /** @description 4 to 50 printable ASCII characters; the app's passwordMinLength may ask more */
            newPassword: string;
        };
        /**
         * @example {
         *       "disabled": true
         *     }
         */
        KiiStatusChange: {
            disabled: boolean;
        };
        /**
         * @example {
         *       "modifiedAt": 1767225600000
         *     }
         */
        KiiUserUpdated: {
            /** @description Epoch milliseconds */
            modifiedAt: number;
        };
        /**
         * @description Omitted entirely (the older `KiiUser.resetPassword`), a link by email.
         * @example {
         *       "notificationMethod": "SMS",
         *       "smsResetMethod": "PIN"
         *     }
         */
        KiiResetPasswordRequest: {
            /** @description Where the reset goes (default EMAIL): a link by email, a link or a PIN by SMS */
            notificationMethod?: "EMAIL" | "SMS";
            /**
             * @description With SMS: a PIN instead of a link
             * @enum {string}
             */
            smsResetMethod?: "PIN";
        };
        /**
         * @example {
         *       "pinCode": "482913",
         *       "newPassword": "battery-staple-2"
         *     }
         */
        KiiCompletePasswordResetRequest: {
            /** @description The PIN sent by SMS, or the token of a reset link */
            pinCode: string;
            /** @description Without it, a generated password is sent the way the code came */
            newPassword?: string;
        };
        /**
         * @example {
         *       "verificationCode": "482913"
         *     }
         */
        KiiAddressVerificationRequest: {
            /** @description The code sent to the address */
            verificationCode: string;
        };
        /**
         * @description RFC 7807 problem details, as the KIP People API answers errors
         * @example {
         *       "type": "https://persona.dev/problems/kip/unauthenticated",
         *       "title": "Unauthorized.",
         *       "status": 401,
         *       "detail": "This call needs an Authorization: Bearer token"
         *     }
         */
        Problem: {
            /** @description A URI naming the problem, `https://persona.dev/problems/kip/<code>` */
            type: string;
            title: string;
            status: number;
            detail: string;
            /** @description When the input was refused: each field and why */
            errors?: {
                field: string;
                message: string;
            }[];
            /**
             * @description Only on 503: why the database cannot serve (its disk is full, it takes no writes…); docs/errors.md
             * @enum {string}
             */
            cause?: "disk_full" | "read_only" | "io_error" | "corrupt" | "insufficient_resources";
        };
        Link: {
            rel: string;
            href: string;
            method: string;
        };
        PageMeta: {
            page: number;
            pageSize: number;
            totalItems: number;
            totalPages: number;
        };
        /**
         * @example {
         *       "id": "genre-comedy",
         *       "category": "genres",
         *       "label": "Comedy",
         *       "value": true
         *     }
         */
        Preference: {
            id: string;
            category: string;
            label: string;
            value: boolean;
        };
        /**
         * @example {
         *       "id": "0198c2a4-5b7e-7c3d-9f1a-2b3c4d5e6f70",
         *       "value": true
         *     }
         */
        PreferencePatch: {
            /**
             * Format: uuid
             * @description A preference option's id
             */
            id: string;
            value: boolean;
        };
        StudentInformation: {
            id: string;
            year: string;
            schoolId: string;
            schoolName: string;
            studyLevel: string;
            studyLevelName: string;
            academicYear: string;
            lastYear: boolean;
        };
        /**
         * @example {
         *       "schoolId": "school-1",
         *       "studyLevel": "level-2",
         *       "academicYear": "2025-2026",
         *       "lastYear": false
         *     }
         */
        StudentInformationInput: {
            /** @description One of the school options (`/metadata/users/school-options`) */
            schoolId: string;
            /** @description One of the study-level options */
            studyLevel: string;
            /** @description Free text: 2025-2026, 2025/26 */
            academicYear: string;
            lastYear: boolean;
        };
        NamedOption: {
            id: string;
            name: string;
        };
        IdEnvelope: {
            data: string;
            links: components["schemas"]["Link"][];
        };
        Viewing: {
            movieId: string;
            title: string;
            /** Format: date-time */
            watchedAt: string;
            technology: string | null;
            version: string | null;
            posterUrl: string | null;
        };
        Recommendation: {
            movieId: string;
            title: string;
            score: number;
            /** @description similar-to:<movieId>, genre:<value> (any attribute), popular */
            reasons: string[];
        };
        /** @description A small HTML page saying what happened (or the reset form) */
        LinkPage: string;
        /**
         * @description An error of the v1 face
         * @example {
         *       "code": 10004,
         *       "message": "SESSION_TOKEN_EXPIRED"
         *     }
         * @example {
         *       "code": 10002,
         *       "message": "generic_client_error",
         *       "details": [
         *         {
         *           "field": "handle",
         *           "message": "must be 3 to 30…"
         *         }
         *       ]
         *     }
         */
        V1Error: {
            /** @description The number of the error (docs/faces/v1.md) */
            code: number;
            /** @description The name of the error: `generic_client_error`, `SESSION_TOKEN_EXPIRED`… */
            message: string;
            /** @description When the input was refused (400): each field and why */
            details?: {
                field: string;
                message: string;
            }[];
        };
        V1Registration: {
            email?: string;
            loginName?: string;
            /** @description 4 to 50 printable ASCII characters, and at least the app's passwordMinLength (8 by default) */
            password: string;
            handle?: string;
            /** @description The handle or referral code of the user who referred this one (taken at the first log-in only) */
            referrerHandle?: string;
        } | unknown | unknown;
        V1LogIn: {
            /** @description A login name, an email or a phone number */
            username: string;
            password: string;
            /** @description The handle or referral code of the user who referred this one (taken at the first log-in only) */
            referrerHandle?: string;
        };
        V1Session: {
            sessionToken: string;
            refreshToken: string;
            userId: string;
        };
        V1RefreshSession: {
            refreshToken: string;
        };
        V1RefreshedSession: {
            sessionToken: string;
        };
        /** @description A real date before today */
        V1DateOfBirth: {
            year: number;
            month: number;
            day: number;
        };
        /** @description The own profile: exactly the fields asked for (all of them after a change) */
        V1Profile: {
            id?: string;
            displayName?: string | null;
            handle?: string | null;
            biography?: string | null;
            dateOfBirth?: components["schemas"]["V1DateOfBirth"] | null;
            email?: string | null;
            locale?: string | null;
            country?: string | null;
            avatarUrl?: string | null;
            /** Format: date-time */
            createdAt?: string;
            referralCode?: string;
        };
        V1ProfileChange: {
            displayName?: string;
            /** @description Unique in the app whatever its case (409 when taken) */
            handle?: string;
            biography?: string;
            /** @description A real date before today */
            dateOfBirth?: {
                year: number;
                month: number;
                day: number;
            };
            /** @description An http(s) address; null removes it */
            avatarUrl?: string | null;
        };
        V1Membership: {
            containerId: string;
            slug: string;
            name: string;
            /** Format: date-time */
            joinedAt: string;
        };
        /** @description What any user of the app sees of a member of a container */
        V1PublicProfile: {
            id: string;
            handle: string | null;
            displayName: string | null;
            biography: string | null;
            avatarUrl: string | null;
            /**
             * Format: date-time
             * @description When the user joined the container
             */
            memberSince: string;
        };
        V1ReferralPage: {
            items: {
                userId: string;
                handle: string | null;
                displayName: string | null;
                /** Format: date-time */
                joinedAt: string;
            }[];
            total: number;
            page: number;
            limit: number;
        };
        V1Notification: {
            id: string;
            type: string;
            title: string;
            body: string;
            data: {
                [key: string]: unknown;
            };
            /** @description The container it belongs to; null: app-wide (in every container’s list) */
            containerId: string | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            readAt: string | null;
        };
        V1NotificationPage: {
            items: components["schemas"]["V1Notification"][];
            total: number;
            unread: number;
            page: number;
            limit: number;
        };
        /** @description Neither: every notification of the caller */
        V1MarkRead: {
            /** @description These (ids that are not the caller’s are ignored) */
            ids?: string[];
            /** @description All of this container (and the app-wide ones) */
            containerId?: string;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    getHealth: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description `ok`, `unavailable` or `shutting down` */
                        status: string;
                        /**
                         * @description Only on 503: why the database cannot serve (its disk is full, it takes no writes…); docs/errors.md
                         * @enum {string}
                         */
                        cause?: "disk_full" | "read_only" | "io_error" | "corrupt" | "insufficient_resources";
                    };
                };
            };
        };
    };
    getReadiness: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description `ok`, `unavailable` or `shutting down` */
                        status: string;
                        /**
                         * @description Only on 503: why the database cannot serve (its disk is full, it takes no writes…); docs/errors.md
                         * @enum {string}
                         */
                        cause?: "disk_full" | "read_only" | "io_error" | "corrupt" | "insufficient_resources";
                    };
                };
            };
            /** @description The database did not answer in time, or cannot store anything (the body names the cause) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description `ok`, `unavailable` or `shutting down` */
                        status: string;
                        /**
                         * @description Only on 503: why the database cannot serve (its disk is full, it takes no writes…); docs/errors.md
                         * @enum {string}
                         */
                        cause?: "disk_full" | "read_only" | "io_error" | "corrupt" | "insufficient_resources";
                    };
                };
            };
        };
    };
    issueToken: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["KiiTokenRequest"];
                "application/vnd.kii.OauthTokenRequest+json": components["schemas"]["KiiTokenRequest"];
                "application/x-www-form-urlencoded": components["schemas"]["KiiTokenRequest"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KiiTokenResponse"];
                };
            };
            /** @description The request is malformed or refused by a rule */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KiiError"];
                    "application/vnd.kii.InvalidInputException+json": components["schemas"]["KiiError"];
                    "application/vnd.kii.InvalidVerificationCodeException+json": components["schemas"]["KiiError"];
                    "application/vnd.kii.WrongPasswordException+json": components["schemas"]["KiiError"];
                };
            };
            /** @description Credentials are missing, unknown or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/vnd.kii.UnauthorizedAccessException+json": components["schemas"]["KiiError"];
                    "application/vnd.kii.WrongTokenException+json": components["schemas"]["KiiError"];
                };
            };
            /** @description The caller may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KiiError"];
                    "application/vnd.kii.UnauthorizedAccessException+json": components["schemas"]["KiiError"];
                };
            };
            /** @description No such resource (or not visible to this caller) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KiiError"];
                    "application/vnd.kii.AppNotFoundException+json": components["schemas"]["KiiError"];
                    "application/vnd.kii.UserNotFoundException+json": components["schemas"]["KiiError"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KiiError"];
                    "application/vnd.kii.AddressAlreadyInUseException+json": components["schemas"]["KiiError"];
                };
            };
            /** @description Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KiiError"];
                };
            };
            /** @description The database did not answer in time, or cannot store anything (the body names the cause) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KiiError"];
                };
            };
        };
    };
    issueAppToken: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                appID: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["KiiTokenRequest"];
                "application/vnd.kii.OauthTokenRequest+json": components["schemas"]["KiiTokenRequest"];
                "application/x-www-form-urlencoded": components["schemas"]["KiiTokenRequest"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KiiTokenResponse"];
                };
            };
            /** @description The request is malformed or refused by a rule */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KiiError"];
                    "application/vnd.kii.InvalidInputException+json": components["schemas"]["KiiError"];
                    "application/vnd.kii.InvalidVerificationCodeException+json": components["schemas"]["KiiError"];
                    "application/vnd.kii.WrongPasswordException+json": components["schemas"]["KiiError"];
                };
            };
            /** @description Credentials are missing, unknown or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/vnd.kii.UnauthorizedAccessException+json": components["schemas"]["KiiError"];
                    "application/vnd.kii.WrongTokenException+json": components["schemas"]["KiiError"];
                };
            };
            /** @description The caller may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KiiError"];
                    "application/vnd.kii.UnauthorizedAccessException+json": components["schemas"]["KiiError"];
                };
            };
            /** @description No such resource (or not visible to this caller) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KiiError"];
                    "application/vnd.kii.AppNotFoundException+json": components["schemas"]["KiiError"];
                    "application/vnd.kii.UserNotFoundException+json": components["schemas"]["KiiError"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KiiError"];
                    "application/vnd.kii.AddressAlreadyInUseException+json": components["schemas"]["KiiError"];
                };
            };
            /** @description Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KiiError"];
                };
            };
            /** @description The database did not answer in time, or cannot store anything (the body names the cause) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KiiError"];
                };
            };
        };
    };
    signUp: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                appID: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/vnd.kii.registrationrequest+json": components["schemas"]["KiiRegistration"];
                "application/vnd.kii.registrationandauthorizationrequest+json": components["schemas"]["KiiPseudoRegistration"];
                "application/vnd.kii.anonymoususerregistrationrequest+json": components["schemas"]["KiiPseudoRegistration"];
                "application/json": components["schemas"]["KiiRegistration"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/vnd.kii.RegistrationResponse+json": components["schemas"]["KiiUser"];
                };
            };
            /** @description The request is malformed or refused by a rule */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KiiError"];
                    "application/vnd.kii.InvalidInputException+json": components["schemas"]["KiiError"];
                    "application/vnd.kii.InvalidVerificationCodeException+json": components["schemas"]["KiiError"];
                    "application/vnd.kii.WrongPasswordException+json": components["schemas"]["KiiError"];
                };
            };
            /** @description Credentials are missing, unknown or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/vnd.kii.UnauthorizedAccessException+json": components["schemas"]["KiiError"];
                    "application/vnd.kii.WrongTokenException+json": components["schemas"]["KiiError"];
                };
            };
            /** @description The caller may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KiiError"];
                    "application/vnd.kii.UnauthorizedAccessException+json": components["schemas"]["KiiError"];
                };
            };
            /** @description No such resource (or not visible to this caller) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KiiError"];
                    "application/vnd.kii.AppNotFoundException+json": components["schemas"]["KiiError"];
                    "application/vnd.kii.UserNotFoundException+json": components["schemas"]["KiiError"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KiiError"];
                    "application/vnd.kii.AddressAlreadyInUseException+json": components["schemas"]["KiiError"];
                };
            };
            /** @description Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KiiError"];
                };
            };
            /** @description The database did not answer in time, or cannot store anything (the body names the cause) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KiiError"];
                };
            };
        };
    };
    getUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                appID: string;
                /** @description `me`, a user id, or LOGIN_NAME:x, EMAIL:x, PHONE:x */
                userRef: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/vnd.kii.UserDataRetrievalResponse+json": components["schemas"]["KiiUser"];
                };
            };
            /** @description The request is malformed or refused by a rule */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KiiError"];
                    "application/vnd.kii.InvalidInputException+json": components["schemas"]["KiiError"];
                    "application/vnd.kii.InvalidVerificationCodeException+json": components["schemas"]["KiiError"];
                    "application/vnd.kii.WrongPasswordException+json": components["schemas"]["KiiError"];
                };
            };
            /** @description Credentials are missing, unknown or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/vnd.kii.UnauthorizedAccessException+json": components["schemas"]["KiiError"];
                    "application/vnd.kii.WrongTokenException+json": components["schemas"]["KiiError"];
                };
            };
            /** @description The caller may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KiiError"];
                    "application/vnd.kii.UnauthorizedAccessException+json": components["schemas"]["KiiError"];
                };
            };
            /** @description No such resource (or not visible to this caller) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KiiError"];
                    "application/vnd.kii.AppNotFoundException+json": components["schemas"]["KiiError"];
                    "application/vnd.kii.UserNotFoundException+json": components["schemas"]["KiiError"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KiiError"];
                    "application/vnd.kii.AddressAlreadyInUseException+json": components["schemas"]["KiiError"];
                };
            };
            /** @description Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KiiError"];
                };
            };
            /** @description The database did not answer in time, or cannot store anything (the body names the cause) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KiiError"];
                };
            };
        };
    };
    updateUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                appID: string;
                /** @description `me` or a user id */
                userRef: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/vnd.kii.UserUpdateRequest+json": components["schemas"]["KiiUserFields"];
                "application/json": components["schemas"]["KiiUserFields"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/vnd.kii.UserUpdateResponse+json": components["schemas"]["KiiUserUpdated"];
                };
            };
            /** @description The request is malformed or refused by a rule */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KiiError"];
                    "application/vnd.kii.InvalidInputException+json": components["schemas"]["KiiError"];
                    "application/vnd.kii.InvalidVerificationCodeException+json": components["schemas"]["KiiError"];
                    "application/vnd.kii.WrongPasswordException+json": components["schemas"]["KiiError"];
                };
            };
            /** @description Credentials are missing, unknown or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/vnd.kii.UnauthorizedAccessException+json": components["schemas"]["KiiError"];
                    "application/vnd.kii.WrongTokenException+json": components["schemas"]["KiiError"];
                };
            };
            /** @description The caller may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KiiError"];
                    "application/vnd.kii.UnauthorizedAccessException+json": components["schemas"]["KiiError"];
                };
            };
            /** @description No such resource (or not visible to this caller) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KiiError"];
                    "application/vnd.kii.AppNotFoundException+json": components["schemas"]["KiiError"];
                    "application/vnd.kii.UserNotFoundException+json": components["schemas"]["KiiError"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KiiError"];
                    "application/vnd.kii.AddressAlreadyInUseException+json": components["schemas"]["KiiError"];
                };
            };
            /** @description Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KiiError"];
                };
            };
            /** @description The database did not answer in time, or cannot store anything (the body names the cause) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KiiError"];
                };
            };
        };
    };
    deleteUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                appID: string;
                /** @description `me` or a user id */
                userRef: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is malformed or refused by a rule */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KiiError"];
                    "application/vnd.kii.InvalidInputException+json": components["schemas"]["KiiError"];
                    "application/vnd.kii.InvalidVerificationCodeException+json": components["schemas"]["KiiError"];
                    "application/vnd.kii.WrongPasswordException+json": components["schemas"]["KiiError"];
                };
            };
            /** @description Credentials are missing, unknown or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/vnd.kii.UnauthorizedAccessException+json": components["schemas"]["KiiError"];
                    "application/vnd.kii.WrongTokenException+json": components["schemas"]["KiiError"];
                };
            };
            /** @description The caller may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KiiError"];
                    "application/vnd.kii.UnauthorizedAccessException+json": components["schemas"]["KiiError"];
                };
            };
            /** @description No such resource (or not visible to this caller) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KiiError"];
                    "application/vnd.kii.AppNotFoundException+json": components["schemas"]["KiiError"];
                    "application/vnd.kii.UserNotFoundException+json": components["schemas"]["KiiError"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KiiError"];
                    "application/vnd.kii.AddressAlreadyInUseException+json": components["schemas"]["KiiError"];
                };
            };
            /** @description Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KiiError"];
                };
            };
            /** @description The database did not answer in time, or cannot store anything (the body names the cause) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KiiError"];
                };
            };
        };
    };
    changePassword: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                appID: string;
                /** @description `me` or a user id */
                userRef: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/vnd.kii.ChangePasswordRequest+json": components["schemas"]["KiiPasswordChange"];
                "application/json": components["schemas"]["KiiPasswordChange"];
            };
        };
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is malformed or refused by a rule */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KiiError"];
                    "application/vnd.kii.InvalidInputException+json": components["schemas"]["KiiError"];
                    "application/vnd.kii.InvalidVerificationCodeException+json": components["schemas"]["KiiError"];
                    "application/vnd.kii.WrongPasswordException+json": components["schemas"]["KiiError"];
                };
            };
            /** @description Credentials are missing, unknown or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/vnd.kii.UnauthorizedAccessException+json": components["schemas"]["KiiError"];
                    "application/vnd.kii.WrongTokenException+json": components["schemas"]["KiiError"];
                };
            };
            /** @description The caller may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KiiError"];
                    "application/vnd.kii.UnauthorizedAccessException+json": components["schemas"]["KiiError"];
                };
            };
            /** @description No such resource (or not visible to this caller) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KiiError"];
                    "application/vnd.kii.AppNotFoundException+json": components["schemas"]["KiiError"];
                    "application/vnd.kii.UserNotFoundException+json": components["schemas"]["KiiError"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KiiError"];
                    "application/vnd.kii.AddressAlreadyInUseException+json": components["schemas"]["KiiError"];
                };
            };
            /** @description Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KiiError"];
                };
            };
            /** @description The database did not answer in time, or cannot store anything (the body names the cause) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KiiError"];
                };
            };
        };
    };
    requestPasswordReset: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                appID: string;
                /** @description EMAIL:x, PHONE:x, LOGIN_NAME:x, or a user id (a bare email, phone number or login name too) */
                userRef: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/vnd.kii.ResetPasswordRequest+json": components["schemas"]["KiiResetPasswordRequest"];
                "application/json": components["schemas"]["KiiResetPasswordRequest"];
            };
        };
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is malformed or refused by a rule */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KiiError"];
                    "application/vnd.kii.InvalidInputException+json": components["schemas"]["KiiError"];
                    "application/vnd.kii.InvalidVerificationCodeException+json": components["schemas"]["KiiError"];
                    "application/vnd.kii.WrongPasswordException+json": components["schemas"]["KiiError"];
                };
            };
            /** @description Credentials are missing, unknown or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/vnd.kii.UnauthorizedAccessException+json": components["schemas"]["KiiError"];
                    "application/vnd.kii.WrongTokenException+json": components["schemas"]["KiiError"];
                };
            };
            /** @description The caller may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KiiError"];
                    "application/vnd.kii.UnauthorizedAccessException+json": components["schemas"]["KiiError"];
                };
            };
            /** @description No such resource (or not visible to this caller) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KiiError"];
                    "application/vnd.kii.AppNotFoundException+json": components["schemas"]["KiiError"];
                    "application/vnd.kii.UserNotFoundException+json": components["schemas"]["KiiError"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KiiError"];
                    "application/vnd.kii.AddressAlreadyInUseException+json": components["schemas"]["KiiError"];
                };
            };
            /** @description Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KiiError"];
                };
            };
            /** @description The database did not answer in time, or cannot store anything (the body names the cause) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KiiError"];
                };
            };
        };
    };
    completePasswordReset: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                appID: string;
                /** @description EMAIL:x, PHONE:x, LOGIN_NAME:x, or a user id (a bare email, phone number or login name too) */
                userRef: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/vnd.kii.CompletePasswordResetRequest+json": components["schemas"]["KiiCompletePasswordResetRequest"];
                "application/json": components["schemas"]["KiiCompletePasswordResetRequest"];
            };
        };
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is malformed or refused by a rule */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KiiError"];
                    "application/vnd.kii.InvalidInputException+json": components["schemas"]["KiiError"];
                    "application/vnd.kii.InvalidVerificationCodeException+json": components["schemas"]["KiiError"];
                    "application/vnd.kii.WrongPasswordException+json": components["schemas"]["KiiError"];
                };
            };
            /** @description Credentials are missing, unknown or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/vnd.kii.UnauthorizedAccessException+json": components["schemas"]["KiiError"];
                    "application/vnd.kii.WrongTokenException+json": components["schemas"]["KiiError"];
                };
            };
            /** @description The caller may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KiiError"];
                    "application/vnd.kii.UnauthorizedAccessException+json": components["schemas"]["KiiError"];
                };
            };
            /** @description No such resource (or not visible to this caller) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KiiError"];
                    "application/vnd.kii.AppNotFoundException+json": components["schemas"]["KiiError"];
                    "application/vnd.kii.UserNotFoundException+json": components["schemas"]["KiiError"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KiiError"];
                    "application/vnd.kii.AddressAlreadyInUseException+json": components["schemas"]["KiiError"];
                };
            };
            /** @description Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KiiError"];
                };
            };
            /** @description The database did not answer in time, or cannot store anything (the body names the cause) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KiiError"];
                };
            };
        };
    };
    verifyEmailAddress: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                appID: string;
                /** @description `me`, a user id, or LOGIN_NAME:x, EMAIL:x, PHONE:x */
                userRef: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/vnd.kii.AddressVerificationRequest+json": components["schemas"]["KiiAddressVerificationRequest"];
                "application/json": components["schemas"]["KiiAddressVerificationRequest"];
            };
        };
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is malformed or refused by a rule */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KiiError"];
                    "application/vnd.kii.InvalidInputException+json": components["schemas"]["KiiError"];
                    "application/vnd.kii.InvalidVerificationCodeException+json": components["schemas"]["KiiError"];
                    "application/vnd.kii.WrongPasswordException+json": components["schemas"]["KiiError"];
                };
            };
            /** @description Credentials are missing, unknown or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/vnd.kii.UnauthorizedAccessException+json": components["schemas"]["KiiError"];
                    "application/vnd.kii.WrongTokenException+json": components["schemas"]["KiiError"];
                };
            };
            /** @description The caller may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KiiError"];
                    "application/vnd.kii.UnauthorizedAccessException+json": components["schemas"]["KiiError"];
                };
            };
            /** @description No such resource (or not visible to this caller) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KiiError"];
                    "application/vnd.kii.AppNotFoundException+json": components["schemas"]["KiiError"];
                    "application/vnd.kii.UserNotFoundException+json": components["schemas"]["KiiError"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KiiError"];
                    "application/vnd.kii.AddressAlreadyInUseException+json": components["schemas"]["KiiError"];
                };
            };
            /** @description Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KiiError"];
                };
            };
            /** @description The database did not answer in time, or cannot store anything (the body names the cause) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KiiError"];
                };
            };
        };
    };
    resendEmailAddressVerification: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                appID: string;
                /** @description `me`, a user id, or LOGIN_NAME:x, EMAIL:x, PHONE:x */
                userRef: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is malformed or refused by a rule */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KiiError"];
                    "application/vnd.kii.InvalidInputException+json": components["schemas"]["KiiError"];
                    "application/vnd.kii.InvalidVerificationCodeException+json": components["schemas"]["KiiError"];
                    "application/vnd.kii.WrongPasswordException+json": components["schemas"]["KiiError"];
                };
            };
            /** @description Credentials are missing, unknown or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/vnd.kii.UnauthorizedAccessException+json": components["schemas"]["KiiError"];
                    "application/vnd.kii.WrongTokenException+json": components["schemas"]["KiiError"];
                };
            };
            /** @description The caller may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KiiError"];
                    "application/vnd.kii.UnauthorizedAccessException+json": components["schemas"]["KiiError"];
                };
            };
            /** @description No such resource (or not visible to this caller) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KiiError"];
                    "application/vnd.kii.AppNotFoundException+json": components["schemas"]["KiiError"];
                    "application/vnd.kii.UserNotFoundException+json": components["schemas"]["KiiError"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KiiError"];
                    "application/vnd.kii.AddressAlreadyInUseException+json": components["schemas"]["KiiError"];
                };
            };
            /** @description Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KiiError"];
                };
            };
            /** @description The database did not answer in time, or cannot store anything (the body names the cause) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KiiError"];
                };
            };
        };
    };
    verifyPhoneNumber: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                appID: string;
                /** @description `me`, a user id, or LOGIN_NAME:x, EMAIL:x, PHONE:x */
                userRef: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/vnd.kii.AddressVerificationRequest+json": components["schemas"]["KiiAddressVerificationRequest"];
                "application/json": components["schemas"]["KiiAddressVerificationRequest"];
            };
        };
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is malformed or refused by a rule */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KiiError"];
                    "application/vnd.kii.InvalidInputException+json": components["schemas"]["KiiError"];
                    "application/vnd.kii.InvalidVerificationCodeException+json": components["schemas"]["KiiError"];
                    "application/vnd.kii.WrongPasswordException+json": components["schemas"]["KiiError"];
                };
            };
            /** @description Credentials are missing, unknown or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/vnd.kii.UnauthorizedAccessException+json": components["schemas"]["KiiError"];
                    "application/vnd.kii.WrongTokenException+json": components["schemas"]["KiiError"];
                };
            };
            /** @description The caller may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KiiError"];
                    "application/vnd.kii.UnauthorizedAccessException+json": components["schemas"]["KiiError"];
                };
            };
            /** @description No such resource (or not visible to this caller) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KiiError"];
                    "application/vnd.kii.AppNotFoundException+json": components["schemas"]["KiiError"];
                    "application/vnd.kii.UserNotFoundException+json": components["schemas"]["KiiError"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KiiError"];
                    "application/vnd.kii.AddressAlreadyInUseException+json": components["schemas"]["KiiError"];
                };
            };
            /** @description Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KiiError"];
                };
            };
            /** @description The database did not answer in time, or cannot store anything (the body names the cause) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KiiError"];
                };
            };
        };
    };
    resendPhoneNumberVerification: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                appID: string;
                /** @description `me`, a user id, or LOGIN_NAME:x, EMAIL:x, PHONE:x */
                userRef: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is malformed or refused by a rule */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KiiError"];
                    "application/vnd.kii.InvalidInputException+json": components["schemas"]["KiiError"];
                    "application/vnd.kii.InvalidVerificationCodeException+json": components["schemas"]["KiiError"];
                    "application/vnd.kii.WrongPasswordException+json": components["schemas"]["KiiError"];
                };
            };
            /** @description Credentials are missing, unknown or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/vnd.kii.UnauthorizedAccessException+json": components["schemas"]["KiiError"];
                    "application/vnd.kii.WrongTokenException+json": components["schemas"]["KiiError"];
                };
            };
            /** @description The caller may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KiiError"];
                    "application/vnd.kii.UnauthorizedAccessException+json": components["schemas"]["KiiError"];
                };
            };
            /** @description No such resource (or not visible to this caller) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KiiError"];
                    "application/vnd.kii.AppNotFoundException+json": components["schemas"]["KiiError"];
                    "application/vnd.kii.UserNotFoundException+json": components["schemas"]["KiiError"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KiiError"];
                    "application/vnd.kii.AddressAlreadyInUseException+json": components["schemas"]["KiiError"];
                };
            };
            /** @description Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KiiError"];
                };
            };
            /** @description The database did not answer in time, or cannot store anything (the body names the cause) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KiiError"];
                };
            };
        };
    };
    setUserStatus: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                appID: string;
                /** @description `me` or a user id */
                userRef: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/vnd.kii.UserStatusUpdateRequest+json": components["schemas"]["KiiStatusChange"];
                "application/json": components["schemas"]["KiiStatusChange"];
            };
        };
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is malformed or refused by a rule */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KiiError"];
                    "application/vnd.kii.InvalidInputException+json": components["schemas"]["KiiError"];
                    "application/vnd.kii.InvalidVerificationCodeException+json": components["schemas"]["KiiError"];
                    "application/vnd.kii.WrongPasswordException+json": components["schemas"]["KiiError"];
                };
            };
            /** @description Credentials are missing, unknown or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/vnd.kii.UnauthorizedAccessException+json": components["schemas"]["KiiError"];
                    "application/vnd.kii.WrongTokenException+json": components["schemas"]["KiiError"];
                };
            };
            /** @description The caller may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KiiError"];
                    "application/vnd.kii.UnauthorizedAccessException+json": components["schemas"]["KiiError"];
                };
            };
            /** @description No such resource (or not visible to this caller) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KiiError"];
                    "application/vnd.kii.AppNotFoundException+json": components["schemas"]["KiiError"];
                    "application/vnd.kii.UserNotFoundException+json": components["schemas"]["KiiError"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KiiError"];
                    "application/vnd.kii.AddressAlreadyInUseException+json": components["schemas"]["KiiError"];
                };
            };
            /** @description Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KiiError"];
                };
            };
            /** @description The database did not answer in time, or cannot store anything (the body names the cause) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KiiError"];
                };
            };
        };
    };
    getPreferences: {
        parameters: {
            query: {
                filter: string[];
            };
            header?: never;
            path: {
                userId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["Preference"][];
                        links: components["schemas"]["Link"][];
                    };
                };
            };
            /** @description The request is malformed or refused by a rule */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Credentials are missing, unknown or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource (or not visible to this caller) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The database did not answer in time, or cannot store anything (the body names the cause) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    setPreference: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                userId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PreferencePatch"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IdEnvelope"];
                };
            };
            /** @description The request is malformed or refused by a rule */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Credentials are missing, unknown or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource (or not visible to this caller) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The database did not answer in time, or cannot store anything (the body names the cause) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listStudentInformation: {
        parameters: {
            query?: {
                page?: number;
                pageSize?: number;
            };
            header?: never;
            path: {
                userId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["StudentInformation"][];
                        meta: components["schemas"]["PageMeta"];
                        links: components["schemas"]["Link"][];
                    };
                };
            };
            /** @description The request is malformed or refused by a rule */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Credentials are missing, unknown or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource (or not visible to this caller) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The database did not answer in time, or cannot store anything (the body names the cause) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getStudentInformation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                userId: string;
                /**
                 * @description Year format (YYYY), 1900 to 2100
                 * @example 2026
                 */
                year: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["StudentInformation"];
                        links: components["schemas"]["Link"][];
                    };
                };
            };
            /** @description The request is malformed or refused by a rule */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Credentials are missing, unknown or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource (or not visible to this caller) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The database did not answer in time, or cannot store anything (the body names the cause) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    replaceStudentInformation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                userId: string;
                /**
                 * @description Year format (YYYY), 1900 to 2100
                 * @example 2026
                 */
                year: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["StudentInformationInput"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IdEnvelope"];
                };
            };
            /** @description The request is malformed or refused by a rule */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Credentials are missing, unknown or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource (or not visible to this caller) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The database did not answer in time, or cannot store anything (the body names the cause) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createStudentInformation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                userId: string;
                /**
                 * @description Year format (YYYY), 1900 to 2100
                 * @example 2026
                 */
                year: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["StudentInformationInput"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IdEnvelope"];
                };
            };
            /** @description The request is malformed or refused by a rule */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Credentials are missing, unknown or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource (or not visible to this caller) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The database did not answer in time, or cannot store anything (the body names the cause) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    searchSchoolOptions: {
        parameters: {
            query?: {
                search?: string;
                page?: number;
                pageSize?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["NamedOption"][];
                        meta: components["schemas"]["PageMeta"];
                        links: components["schemas"]["Link"][];
                    };
                };
            };
            /** @description The request is malformed or refused by a rule */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Credentials are missing, unknown or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource (or not visible to this caller) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The database did not answer in time, or cannot store anything (the body names the cause) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    searchStudyLevelOptions: {
        parameters: {
            query?: {
                search?: string;
                page?: number;
                pageSize?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["NamedOption"][];
                        meta: components["schemas"]["PageMeta"];
                        links: components["schemas"]["Link"][];
                    };
                };
            };
            /** @description The request is malformed or refused by a rule */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Credentials are missing, unknown or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource (or not visible to this caller) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The database did not answer in time, or cannot store anything (the body names the cause) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listHistory: {
        parameters: {
            query?: {
                page?: number;
                pageSize?: number;
            };
            header?: never;
            path: {
                userId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["Viewing"][];
                        meta: components["schemas"]["PageMeta"];
                        links: components["schemas"]["Link"][];
                    };
                };
            };
            /** @description The request is malformed or refused by a rule */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Credentials are missing, unknown or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource (or not visible to this caller) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The database did not answer in time, or cannot store anything (the body names the cause) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deleteFromHistory: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                userId: string;
                movieId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is malformed or refused by a rule */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Credentials are missing, unknown or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource (or not visible to this caller) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The database did not answer in time, or cannot store anything (the body names the cause) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listRecommendations: {
        parameters: {
            query?: {
                page?: number;
                pageSize?: number;
            };
            header?: never;
            path: {
                userId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["Recommendation"][];
                        meta: components["schemas"]["PageMeta"];
                        links: components["schemas"]["Link"][];
                    };
                };
            };
            /** @description The request is malformed or refused by a rule */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Credentials are missing, unknown or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource (or not visible to this caller) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The database did not answer in time, or cannot store anything (the body names the cause) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listProfiles: {
        parameters: {
            query?: {
                limit?: number;
                page?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProfileList"];
                };
            };
            /** @description The request is malformed or refused by a rule */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HouseholdError"];
                };
            };
            /** @description Credentials are missing, unknown or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HouseholdError"];
                };
            };
            /** @description The caller may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HouseholdError"];
                };
            };
            /** @description No such resource (or not visible to this caller) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HouseholdError"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HouseholdError"];
                };
            };
            /** @description Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HouseholdError"];
                };
            };
            /** @description The database did not answer in time, or cannot store anything (the body names the cause) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HouseholdError"];
                };
            };
        };
    };
    createProfile: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ProfileInput"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        _id: string;
                    };
                };
            };
            /** @description The request is malformed or refused by a rule */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HouseholdError"];
                };
            };
            /** @description Credentials are missing, unknown or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HouseholdError"];
                };
            };
            /** @description The caller may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HouseholdError"];
                };
            };
            /** @description No such resource (or not visible to this caller) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HouseholdError"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HouseholdError"];
                };
            };
            /** @description Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HouseholdError"];
                };
            };
            /** @description The database did not answer in time, or cannot store anything (the body names the cause) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HouseholdError"];
                };
            };
        };
    };
    getProfile: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                profileId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Profile"];
                };
            };
            /** @description The request is malformed or refused by a rule */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HouseholdError"];
                };
            };
            /** @description Credentials are missing, unknown or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HouseholdError"];
                };
            };
            /** @description The caller may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HouseholdError"];
                };
            };
            /** @description No such resource (or not visible to this caller) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HouseholdError"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HouseholdError"];
                };
            };
            /** @description Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HouseholdError"];
                };
            };
            /** @description The database did not answer in time, or cannot store anything (the body names the cause) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HouseholdError"];
                };
            };
        };
    };
    updateProfile: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                profileId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ProfileChange"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        matchedCount: number;
                        modifiedCount: number;
                    };
                };
            };
            /** @description The request is malformed or refused by a rule */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HouseholdError"];
                };
            };
            /** @description Credentials are missing, unknown or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HouseholdError"];
                };
            };
            /** @description The caller may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HouseholdError"];
                };
            };
            /** @description No such resource (or not visible to this caller) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HouseholdError"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HouseholdError"];
                };
            };
            /** @description Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HouseholdError"];
                };
            };
            /** @description The database did not answer in time, or cannot store anything (the body names the cause) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HouseholdError"];
                };
            };
        };
    };
    deleteProfile: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                profileId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        matchedCount: number;
                        deletedCount: number;
                    };
                };
            };
            /** @description The request is malformed or refused by a rule */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HouseholdError"];
                };
            };
            /** @description Credentials are missing, unknown or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HouseholdError"];
                };
            };
            /** @description The caller may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HouseholdError"];
                };
            };
            /** @description No such resource (or not visible to this caller) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HouseholdError"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HouseholdError"];
                };
            };
            /** @description Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HouseholdError"];
                };
            };
            /** @description The database did not answer in time, or cannot store anything (the body names the cause) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HouseholdError"];
                };
            };
        };
    };
    listProfileIcons: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        count: number;
                        results: {
                            resourceId: string;
                            aspect: string;
                            uri: string;
                            imageId: string;
                        }[];
                    };
                };
            };
            /** @description The request is malformed or refused by a rule */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HouseholdError"];
                };
            };
            /** @description Credentials are missing, unknown or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HouseholdError"];
                };
            };
            /** @description The caller may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HouseholdError"];
                };
            };
            /** @description No such resource (or not visible to this caller) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HouseholdError"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HouseholdError"];
                };
            };
            /** @description Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HouseholdError"];
                };
            };
            /** @description The database did not answer in time, or cannot store anything (the body names the cause) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HouseholdError"];
                };
            };
        };
    };
    switchProfile: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    newUserProfileId: string;
                    /** @description The account's PIN: needed to leave a child profile for one that is not */
                    pin?: string;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        access_token: string;
                        expires_in: number;
                        activeProfileId: string;
                    };
                };
            };
            /** @description The request is malformed or refused by a rule */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HouseholdError"];
                };
            };
            /** @description Credentials are missing, unknown or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HouseholdError"];
                };
            };
            /** @description The caller may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HouseholdError"];
                };
            };
            /** @description No such resource (or not visible to this caller) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HouseholdError"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HouseholdError"];
                };
            };
            /** @description Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HouseholdError"];
                };
            };
            /** @description The database did not answer in time, or cannot store anything (the body names the cause) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HouseholdError"];
                };
            };
        };
    };
    setPin: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description 4 to 8 digits */
                    pin: string;
                    /** @description Required when the account has a PIN already */
                    currentPin?: string;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PinStatus"];
                };
            };
            /** @description The request is malformed or refused by a rule */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HouseholdError"];
                };
            };
            /** @description Credentials are missing, unknown or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HouseholdError"];
                };
            };
            /** @description The caller may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HouseholdError"];
                };
            };
            /** @description No such resource (or not visible to this caller) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HouseholdError"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HouseholdError"];
                };
            };
            /** @description Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HouseholdError"];
                };
            };
            /** @description The database did not answer in time, or cannot store anything (the body names the cause) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HouseholdError"];
                };
            };
        };
    };
    getPinStatus: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PinStatus"];
                };
            };
            /** @description The request is malformed or refused by a rule */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HouseholdError"];
                };
            };
            /** @description Credentials are missing, unknown or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HouseholdError"];
                };
            };
            /** @description The caller may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HouseholdError"];
                };
            };
            /** @description No such resource (or not visible to this caller) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HouseholdError"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HouseholdError"];
                };
            };
            /** @description Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HouseholdError"];
                };
            };
            /** @description The database did not answer in time, or cannot store anything (the body names the cause) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HouseholdError"];
                };
            };
        };
    };
    v1Register: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["V1Registration"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1Session"];
                };
            };
            /** @description The request is malformed or refused by a rule */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1Error"];
                };
            };
            /** @description Credentials are missing, unknown or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1Error"];
                };
            };
            /** @description The caller may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1Error"];
                };
            };
            /** @description No such resource (or not visible to this caller) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1Error"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1Error"];
                };
            };
            /** @description Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1Error"];
                };
            };
            /** @description The database did not answer in time, or cannot store anything (the body names the cause) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1Error"];
                };
            };
        };
    };
    v1LogIn: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["V1LogIn"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1Session"];
                };
            };
            /** @description The request is malformed or refused by a rule */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1Error"];
                };
            };
            /** @description Credentials are missing, unknown or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1Error"];
                };
            };
            /** @description The caller may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1Error"];
                };
            };
            /** @description No such resource (or not visible to this caller) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1Error"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1Error"];
                };
            };
            /** @description Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1Error"];
                };
            };
            /** @description The database did not answer in time, or cannot store anything (the body names the cause) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1Error"];
                };
            };
        };
    };
    v1RefreshSession: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["V1RefreshSession"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1RefreshedSession"];
                };
            };
            /** @description The request is malformed or refused by a rule */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1Error"];
                };
            };
            /** @description Credentials are missing, unknown or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1Error"];
                };
            };
            /** @description The caller may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1Error"];
                };
            };
            /** @description No such resource (or not visible to this caller) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1Error"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1Error"];
                };
            };
            /** @description Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1Error"];
                };
            };
            /** @description The database did not answer in time, or cannot store anything (the body names the cause) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1Error"];
                };
            };
        };
    };
    v1GetProfile: {
        parameters: {
            query: {
                /** @description Repeated or a comma list; of id, displayName, handle, biography, dateOfBirth, email, locale, country, avatarUrl, createdAt, referralCode */
                fields: string[];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1Profile"];
                };
            };
            /** @description The request is malformed or refused by a rule */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1Error"];
                };
            };
            /** @description Credentials are missing, unknown or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1Error"];
                };
            };
            /** @description The caller may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1Error"];
                };
            };
            /** @description No such resource (or not visible to this caller) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1Error"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1Error"];
                };
            };
            /** @description Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1Error"];
                };
            };
            /** @description The database did not answer in time, or cannot store anything (the body names the cause) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1Error"];
                };
            };
        };
    };
    v1UpdateProfile: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["V1ProfileChange"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1Profile"];
                };
            };
            /** @description The request is malformed or refused by a rule */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1Error"];
                };
            };
            /** @description Credentials are missing, unknown or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1Error"];
                };
            };
            /** @description The caller may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1Error"];
                };
            };
            /** @description No such resource (or not visible to this caller) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1Error"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1Error"];
                };
            };
            /** @description Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1Error"];
                };
            };
            /** @description The database did not answer in time, or cannot store anything (the body names the cause) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1Error"];
                };
            };
        };
    };
    v1GetPublicProfile: {
        parameters: {
            query: {
                /** @description A container’s id or slug */
                containerId: string;
            };
            header?: never;
            path: {
                /** @description A handle or a user id */
                username: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1PublicProfile"];
                };
            };
            /** @description The request is malformed or refused by a rule */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1Error"];
                };
            };
            /** @description Credentials are missing, unknown or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1Error"];
                };
            };
            /** @description The caller may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1Error"];
                };
            };
            /** @description No such resource (or not visible to this caller) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1Error"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1Error"];
                };
            };
            /** @description Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1Error"];
                };
            };
            /** @description The database did not answer in time, or cannot store anything (the body names the cause) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1Error"];
                };
            };
        };
    };
    v1JoinContainer: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The container’s id or slug */
                containerId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1Membership"];
                };
            };
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1Membership"];
                };
            };
            /** @description The request is malformed or refused by a rule */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1Error"];
                };
            };
            /** @description Credentials are missing, unknown or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1Error"];
                };
            };
            /** @description The caller may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1Error"];
                };
            };
            /** @description No such resource (or not visible to this caller) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1Error"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1Error"];
                };
            };
            /** @description Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1Error"];
                };
            };
            /** @description The database did not answer in time, or cannot store anything (the body names the cause) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1Error"];
                };
            };
        };
    };
    v1ListReferrals: {
        parameters: {
            query?: {
                page?: number;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ReferralPage"];
                };
            };
            /** @description The request is malformed or refused by a rule */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1Error"];
                };
            };
            /** @description Credentials are missing, unknown or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1Error"];
                };
            };
            /** @description The caller may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1Error"];
                };
            };
            /** @description No such resource (or not visible to this caller) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1Error"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1Error"];
                };
            };
            /** @description Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1Error"];
                };
            };
            /** @description The database did not answer in time, or cannot store anything (the body names the cause) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1Error"];
                };
            };
        };
    };
    v1ListNotifications: {
        parameters: {
            query: {
                /** @description A container’s id or slug */
                containerId: string;
                page?: number;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1NotificationPage"];
                };
            };
            /** @description The request is malformed or refused by a rule */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1Error"];
                };
            };
            /** @description Credentials are missing, unknown or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1Error"];
                };
            };
            /** @description The caller may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1Error"];
                };
            };
            /** @description No such resource (or not visible to this caller) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1Error"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1Error"];
                };
            };
            /** @description Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1Error"];
                };
            };
            /** @description The database did not answer in time, or cannot store anything (the body names the cause) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1Error"];
                };
            };
        };
    };
    v1MarkNotificationsRead: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["V1MarkRead"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is malformed or refused by a rule */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1Error"];
                };
            };
            /** @description Credentials are missing, unknown or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1Error"];
                };
            };
            /** @description The caller may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1Error"];
                };
            };
            /** @description No such resource (or not visible to this caller) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1Error"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1Error"];
                };
            };
            /** @description Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1Error"];
                };
            };
            /** @description The database did not answer in time, or cannot store anything (the body names the cause) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1Error"];
                };
            };
        };
    };
    v1StreamNotifications: {
        parameters: {
            query: {
                /** @description A container’s id or slug */
                containerId: string;
                /** @description As the `Last-Event-ID` header, for clients that cannot set it */
                lastEventId?: string;
            };
            header?: {
                /** @description The id of the last event received: the stream resumes after it */
                "last-event-id"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": string;
                };
            };
            /** @description The request is malformed or refused by a rule */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1Error"];
                };
            };
            /** @description Credentials are missing, unknown or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1Error"];
                };
            };
            /** @description The caller may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1Error"];
                };
            };
            /** @description No such resource (or not visible to this caller) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1Error"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1Error"];
                };
            };
            /** @description Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1Error"];
                };
            };
            /** @description The database did not answer in time, or cannot store anything (the body names the cause) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1Error"];
                };
            };
        };
    };
    getApp: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["App"];
                };
            };
            /** @description The request is malformed or refused by a rule */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Credentials are missing, unknown or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description The caller may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description No such resource (or not visible to this caller) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description The database did not answer in time, or cannot store anything (the body names the cause) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
        };
    };
    updateAppSettings: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AppSettingsChange"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["App"];
                };
            };
            /** @description The request is malformed or refused by a rule */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Credentials are missing, unknown or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description The caller may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description No such resource (or not visible to this caller) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description The database did not answer in time, or cannot store anything (the body names the cause) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
        };
    };
    rotateClientSecret: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RotatedSecret"];
                };
            };
            /** @description The request is malformed or refused by a rule */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Credentials are missing, unknown or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description The caller may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description No such resource (or not visible to this caller) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description The database did not answer in time, or cannot store anything (the body names the cause) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
        };
    };
    rotateAppKey: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RotatedAppKey"];
                };
            };
            /** @description The request is malformed or refused by a rule */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Credentials are missing, unknown or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description The caller may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description No such resource (or not visible to this caller) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description The database did not answer in time, or cannot store anything (the body names the cause) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
        };
    };
    getActivity: {
        parameters: {
            query?: {
                days?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Activity"];
                };
            };
            /** @description The request is malformed or refused by a rule */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Credentials are missing, unknown or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description The caller may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description No such resource (or not visible to this caller) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description The database did not answer in time, or cannot store anything (the body names the cause) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
        };
    };
    listAuditEvents: {
        parameters: {
            query?: {
                userId?: string;
                /** @description One of the actions the audit log records */
                action?: "app.settings_changed" | "app.client_secret_rotated" | "app.key_rotated" | "admin.session_started" | "admin.session_ended" | "user.updated" | "user.disabled" | "user.enabled" | "user.deleted" | "user.password_changed" | "user.tokens_revoked" | "user.pin_reset" | "user.pin_unlocked" | "user.password_reset_requested" | "user.password_reset" | "user.verification_sent" | "user.address_verified" | "user.code_rejected" | "message.sent" | "message.failed" | "message_template.saved" | "message_template.deleted" | "credentials.locked" | "credentials.unlocked" | "catalogue.items_saved" | "catalogue.item_deleted" | "history.imported" | "container.saved" | "container.members_added" | "notifications.sent" | "job.retried";
                from?: string;
                to?: string;
                /** @description The `nextCursor` of the previous page, as given (anything else → 400) */
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditPage"];
                };
            };
            /** @description The request is malformed or refused by a rule */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Credentials are missing, unknown or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description The caller may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description No such resource (or not visible to this caller) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description The database did not answer in time, or cannot store anything (the body names the cause) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
        };
    };
    listUsers: {
        parameters: {
            query?: {
                query?: string;
                /** @description The `nextCursor` of the previous page, as given (anything else → 400) */
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminUserPage"];
                };
            };
            /** @description The request is malformed or refused by a rule */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Credentials are missing, unknown or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description The caller may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description No such resource (or not visible to this caller) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description The database did not answer in time, or cannot store anything (the body names the cause) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
        };
    };
    adminGetUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminUser"];
                };
            };
            /** @description The request is malformed or refused by a rule */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Credentials are missing, unknown or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description The caller may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description No such resource (or not visible to this caller) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description The database did not answer in time, or cannot store anything (the body names the cause) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
        };
    };
    adminDeleteUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is malformed or refused by a rule */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Credentials are missing, unknown or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description The caller may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description No such resource (or not visible to this caller) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description The database did not answer in time, or cannot store anything (the body names the cause) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
        };
    };
    adminUpdateUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AdminUserChange"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminUser"];
                };
            };
            /** @description The request is malformed or refused by a rule */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Credentials are missing, unknown or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description The caller may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description No such resource (or not visible to this caller) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description The database did not answer in time, or cannot store anything (the body names the cause) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
        };
    };
    adminSetUserStatus: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AdminUserStatus"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminUser"];
                };
            };
            /** @description The request is malformed or refused by a rule */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Credentials are missing, unknown or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description The caller may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description No such resource (or not visible to this caller) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description The database did not answer in time, or cannot store anything (the body names the cause) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
        };
    };
    getUserPinState: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserPinState"];
                };
            };
            /** @description The request is malformed or refused by a rule */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Credentials are missing, unknown or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description The caller may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description No such resource (or not visible to this caller) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description The database did not answer in time, or cannot store anything (the body names the cause) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
        };
    };
    resetUserPin: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is malformed or refused by a rule */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Credentials are missing, unknown or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description The caller may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description No such resource (or not visible to this caller) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description The database did not answer in time, or cannot store anything (the body names the cause) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
        };
    };
    liftUserPinLock: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PinLockLifted"];
                };
            };
            /** @description The request is malformed or refused by a rule */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Credentials are missing, unknown or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description The caller may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description No such resource (or not visible to this caller) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description The database did not answer in time, or cannot store anything (the body names the cause) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
        };
    };
    revokeUserTokens: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RevokedTokens"];
                };
            };
            /** @description The request is malformed or refused by a rule */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Credentials are missing, unknown or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description The caller may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description No such resource (or not visible to this caller) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description The database did not answer in time, or cannot store anything (the body names the cause) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
        };
    };
    exportUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserExport"];
                };
            };
            /** @description The request is malformed or refused by a rule */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Credentials are missing, unknown or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description The caller may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description No such resource (or not visible to this caller) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description The database did not answer in time, or cannot store anything (the body names the cause) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
        };
    };
    listJobs: {
        parameters: {
            query?: {
                /** @description The `nextCursor` of the previous page, as given (anything else → 400) */
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["JobPage"];
                };
            };
            /** @description The request is malformed or refused by a rule */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Credentials are missing, unknown or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description The caller may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description No such resource (or not visible to this caller) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description The database did not answer in time, or cannot store anything (the body names the cause) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
        };
    };
    retryJob: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is malformed or refused by a rule */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Credentials are missing, unknown or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description The caller may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description No such resource (or not visible to this caller) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description The database did not answer in time, or cannot store anything (the body names the cause) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
        };
    };
    getUserCredentialState: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CredentialStates"];
                };
            };
            /** @description The request is malformed or refused by a rule */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Credentials are missing, unknown or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description The caller may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description No such resource (or not visible to this caller) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description The database did not answer in time, or cannot store anything (the body names the cause) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
        };
    };
    liftUserLocks: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LocksLifted"];
                };
            };
            /** @description The request is malformed or refused by a rule */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Credentials are missing, unknown or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description The caller may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description No such resource (or not visible to this caller) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description The database did not answer in time, or cannot store anything (the body names the cause) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
        };
    };
    getJob: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Job"];
                };
            };
            /** @description The request is malformed or refused by a rule */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Credentials are missing, unknown or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description The caller may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description No such resource (or not visible to this caller) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description The database did not answer in time, or cannot store anything (the body names the cause) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
        };
    };
    sendUserMessage: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SendMessage"];
            };
        };
        responses: {
            /** @description Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SentMessage"];
                };
            };
            /** @description The request is malformed or refused by a rule */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Credentials are missing, unknown or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description The caller may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description No such resource (or not visible to this caller) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description The database did not answer in time, or cannot store anything (the body names the cause) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
        };
    };
    listOutbox: {
        parameters: {
            query?: {
                /** @description queued (waiting for delivery), sent, failed, held (no transport: the embedded outbox) */
                status?: "queued" | "sent" | "failed" | "held";
                userId?: string;
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OutboxPage"];
                };
            };
            /** @description The request is malformed or refused by a rule */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Credentials are missing, unknown or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description The caller may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description No such resource (or not visible to this caller) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description The database did not answer in time, or cannot store anything (the body names the cause) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
        };
    };
    listMessageTemplates: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MessageTemplateList"];
                };
            };
            /** @description The request is malformed or refused by a rule */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Credentials are missing, unknown or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description The caller may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description No such resource (or not visible to this caller) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description The database did not answer in time, or cannot store anything (the body names the cause) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
        };
    };
    saveMessageTemplate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The kind of message (its channel follows: *_email and email_verification by email, the rest by SMS) */
                kind: "password_reset_email" | "password_reset_sms" | "password_reset_pin_sms" | "email_verification" | "phone_verification" | "new_password_email" | "new_password_sms";
                /** @description A language tag: en, fr, pt-BR (stored in lower case) */
                locale: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MessageTemplateInput"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MessageTemplate"];
                };
            };
            /** @description The request is malformed or refused by a rule */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Credentials are missing, unknown or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description The caller may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description No such resource (or not visible to this caller) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description The database did not answer in time, or cannot store anything (the body names the cause) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
        };
    };
    deleteMessageTemplate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The kind of message (its channel follows: *_email and email_verification by email, the rest by SMS) */
                kind: "password_reset_email" | "password_reset_sms" | "password_reset_pin_sms" | "email_verification" | "phone_verification" | "new_password_email" | "new_password_sms";
                /** @description A language tag: en, fr, pt-BR (stored in lower case) */
                locale: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is malformed or refused by a rule */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Credentials are missing, unknown or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description The caller may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description No such resource (or not visible to this caller) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description The database did not answer in time, or cannot store anything (the body names the cause) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
        };
    };
    listPreferenceOptions: {
        parameters: {
            query?: {
                /** @description One of the 17 preference categories */
                category?: "Newsletter" | "MovieGenre" | "MovieBasedOn" | "MovieTechnology" | "MovieVersion" | "MovieCinemanie" | "MovieCountry" | "MovieActor" | "MovieDirector" | "MovieAward" | "PersonalProfession" | "PersonalStudyLevel" | "PersonalFamilySize" | "CinemaVisitFrequency" | "OtherMusicGenre" | "OtherSport" | "OtherAlternativeContent";
                /** @description The `nextCursor` of the previous page, as given (anything else → 400) */
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PreferenceOptionPage"];
                };
            };
            /** @description The request is malformed or refused by a rule */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Credentials are missing, unknown or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description The caller may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description No such resource (or not visible to this caller) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description The database did not answer in time, or cannot store anything (the body names the cause) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
        };
    };
    upsertPreferenceOptions: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PreferenceOptionsUpsert"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UpsertCount"];
                };
            };
            /** @description The request is malformed or refused by a rule */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Credentials are missing, unknown or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description The caller may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description No such resource (or not visible to this caller) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description The database did not answer in time, or cannot store anything (the body names the cause) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
        };
    };
    importPreferenceOptions: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PreferenceOptionsUpsert"];
            };
        };
        responses: {
            /** @description Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ImportStarted"];
                };
            };
            /** @description The request is malformed or refused by a rule */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Credentials are missing, unknown or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description The caller may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description No such resource (or not visible to this caller) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description The database did not answer in time, or cannot store anything (the body names the cause) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
        };
    };
    deletePreferenceOption: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is malformed or refused by a rule */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Credentials are missing, unknown or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description The caller may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description No such resource (or not visible to this caller) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description The database did not answer in time, or cannot store anything (the body names the cause) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
        };
    };
    listSchools: {
        parameters: {
            query?: {
                /** @description The `nextCursor` of the previous page, as given (anything else → 400) */
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CatalogueOptionPage"];
                };
            };
            /** @description The request is malformed or refused by a rule */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Credentials are missing, unknown or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description The caller may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description No such resource (or not visible to this caller) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description The database did not answer in time, or cannot store anything (the body names the cause) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
        };
    };
    upsertSchools: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CatalogueOptionsUpsert"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UpsertCount"];
                };
            };
            /** @description The request is malformed or refused by a rule */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Credentials are missing, unknown or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description The caller may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description No such resource (or not visible to this caller) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description The database did not answer in time, or cannot store anything (the body names the cause) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
        };
    };
    importSchools: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CatalogueOptionsUpsert"];
            };
        };
        responses: {
            /** @description Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ImportStarted"];
                };
            };
            /** @description The request is malformed or refused by a rule */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Credentials are missing, unknown or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description The caller may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description No such resource (or not visible to this caller) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description The database did not answer in time, or cannot store anything (the body names the cause) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
        };
    };
    deleteSchool: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is malformed or refused by a rule */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Credentials are missing, unknown or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description The caller may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description No such resource (or not visible to this caller) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description The database did not answer in time, or cannot store anything (the body names the cause) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
        };
    };
    listStudyLevels: {
        parameters: {
            query?: {
                /** @description The `nextCursor` of the previous page, as given (anything else → 400) */
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CatalogueOptionPage"];
                };
            };
            /** @description The request is malformed or refused by a rule */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Credentials are missing, unknown or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description The caller may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description No such resource (or not visible to this caller) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description The database did not answer in time, or cannot store anything (the body names the cause) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
        };
    };
    upsertStudyLevels: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CatalogueOptionsUpsert"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UpsertCount"];
                };
            };
            /** @description The request is malformed or refused by a rule */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Credentials are missing, unknown or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description The caller may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description No such resource (or not visible to this caller) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description The database did not answer in time, or cannot store anything (the body names the cause) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
        };
    };
    importStudyLevels: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CatalogueOptionsUpsert"];
            };
        };
        responses: {
            /** @description Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ImportStarted"];
                };
            };
            /** @description The request is malformed or refused by a rule */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Credentials are missing, unknown or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description The caller may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description No such resource (or not visible to this caller) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description The database did not answer in time, or cannot store anything (the body names the cause) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
        };
    };
    deleteStudyLevel: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is malformed or refused by a rule */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Credentials are missing, unknown or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description The caller may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description No such resource (or not visible to this caller) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description The database did not answer in time, or cannot store anything (the body names the cause) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
        };
    };
    listRatingsBodies: {
        parameters: {
            query?: {
                /** @description The `nextCursor` of the previous page, as given (anything else → 400) */
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RatingsBodyPage"];
                };
            };
            /** @description The request is malformed or refused by a rule */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Credentials are missing, unknown or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description The caller may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description No such resource (or not visible to this caller) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description The database did not answer in time, or cannot store anything (the body names the cause) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
        };
    };
    upsertRatingsBodies: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RatingsBodiesUpsert"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UpsertCount"];
                };
            };
            /** @description The request is malformed or refused by a rule */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Credentials are missing, unknown or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description The caller may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description No such resource (or not visible to this caller) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description The database did not answer in time, or cannot store anything (the body names the cause) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
        };
    };
    deleteRatingsBody: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is malformed or refused by a rule */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Credentials are missing, unknown or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description The caller may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description No such resource (or not visible to this caller) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description The database did not answer in time, or cannot store anything (the body names the cause) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
        };
    };
    listMovies: {
        parameters: {
            query?: {
                /** @description The `nextCursor` of the previous page, as given (anything else → 400) */
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MoviePage"];
                };
            };
            /** @description The request is malformed or refused by a rule */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Credentials are missing, unknown or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description The caller may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description No such resource (or not visible to this caller) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description The database did not answer in time, or cannot store anything (the body names the cause) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
        };
    };
    upsertMovies: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MoviesUpsert"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UpsertCount"];
                };
            };
            /** @description The request is malformed or refused by a rule */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Credentials are missing, unknown or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description The caller may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description No such resource (or not visible to this caller) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description The database did not answer in time, or cannot store anything (the body names the cause) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
        };
    };
    importMovies: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MoviesUpsert"];
            };
        };
        responses: {
            /** @description Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ImportStarted"];
                };
            };
            /** @description The request is malformed or refused by a rule */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Credentials are missing, unknown or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description The caller may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description No such resource (or not visible to this caller) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description The database did not answer in time, or cannot store anything (the body names the cause) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
        };
    };
    deleteMovie: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is malformed or refused by a rule */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Credentials are missing, unknown or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description The caller may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description No such resource (or not visible to this caller) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description The database did not answer in time, or cannot store anything (the body names the cause) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
        };
    };
    ingestHistory: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["HistoryIngest"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HistoryIngestResult"];
                };
            };
            /** @description The request is malformed or refused by a rule */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Credentials are missing, unknown or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description The caller may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description No such resource (or not visible to this caller) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description The database did not answer in time, or cannot store anything (the body names the cause) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
        };
    };
    trainRecommender: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RecommenderTrainingStarted"];
                };
            };
            /** @description The request is malformed or refused by a rule */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Credentials are missing, unknown or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description The caller may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description No such resource (or not visible to this caller) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description The database did not answer in time, or cannot store anything (the body names the cause) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
        };
    };
    getRecommenderModel: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RecommendationModel"];
                };
            };
            /** @description The request is malformed or refused by a rule */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Credentials are missing, unknown or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description The caller may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description No such resource (or not visible to this caller) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description The database did not answer in time, or cannot store anything (the body names the cause) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
        };
    };
    listIcons: {
        parameters: {
            query?: {
                /** @description The `nextCursor` of the previous page, as given (anything else → 400) */
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IconPage"];
                };
            };
            /** @description The request is malformed or refused by a rule */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Credentials are missing, unknown or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description The caller may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description No such resource (or not visible to this caller) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description The database did not answer in time, or cannot store anything (the body names the cause) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
        };
    };
    upsertIcons: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["IconsUpsert"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UpsertCount"];
                };
            };
            /** @description The request is malformed or refused by a rule */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Credentials are missing, unknown or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description The caller may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description No such resource (or not visible to this caller) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description The database did not answer in time, or cannot store anything (the body names the cause) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
        };
    };
    deleteIcon: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is malformed or refused by a rule */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Credentials are missing, unknown or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description The caller may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description No such resource (or not visible to this caller) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description The database did not answer in time, or cannot store anything (the body names the cause) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
        };
    };
    listContainers: {
        parameters: {
            query?: {
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ContainerPage"];
                };
            };
            /** @description The request is malformed or refused by a rule */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Credentials are missing, unknown or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description The caller may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description No such resource (or not visible to this caller) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description The database did not answer in time, or cannot store anything (the body names the cause) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
        };
    };
    saveContainer: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ContainerSave"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Container"];
                };
            };
            /** @description The request is malformed or refused by a rule */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Credentials are missing, unknown or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description The caller may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description No such resource (or not visible to this caller) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description The database did not answer in time, or cannot store anything (the body names the cause) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
        };
    };
    addContainerMembers: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The container’s id or slug */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ContainerMembersAdd"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ContainerMembersAdded"];
                };
            };
            /** @description The request is malformed or refused by a rule */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Credentials are missing, unknown or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description The caller may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description No such resource (or not visible to this caller) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description The database did not answer in time, or cannot store anything (the body names the cause) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
        };
    };
    sendNotification: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NotificationSend"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NotificationsSent"];
                };
            };
            /** @description Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NotificationsQueued"];
                };
            };
            /** @description The request is malformed or refused by a rule */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Credentials are missing, unknown or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description The caller may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description No such resource (or not visible to this caller) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
            /** @description The database did not answer in time, or cannot store anything (the body names the cause) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["AdminProblem"];
                };
            };
        };
    };
    openVerificationLink: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                appID: string;
                /** @description The code id and secret the message carried */
                token: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": components["schemas"]["LinkPage"];
                };
            };
            /** @description The request is malformed or refused by a rule */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": components["schemas"]["LinkPage"];
                };
            };
            /** @description No such resource (or not visible to this caller) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": components["schemas"]["LinkPage"];
                };
            };
            /** @description Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": components["schemas"]["LinkPage"];
                };
            };
            /** @description The database did not answer in time, or cannot store anything (the body names the cause) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": components["schemas"]["LinkPage"];
                };
            };
        };
    };
    openResetLink: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                appID: string;
                /** @description The code id and secret the message carried */
                token: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": components["schemas"]["LinkPage"];
                };
            };
            /** @description The request is malformed or refused by a rule */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": components["schemas"]["LinkPage"];
                };
            };
            /** @description No such resource (or not visible to this caller) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": components["schemas"]["LinkPage"];
                };
            };
            /** @description Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": components["schemas"]["LinkPage"];
                };
            };
            /** @description The database did not answer in time, or cannot store anything (the body names the cause) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": components["schemas"]["LinkPage"];
                };
            };
        };
    };
    submitResetLink: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                appID: string;
                /** @description The code id and secret the message carried */
                token: string;
            };
            cookie?: never;
        };
        /** @description The reset page’s form */
        requestBody: {
            content: {
                "application/x-www-form-urlencoded": {
                    newPassword: string;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": components["schemas"]["LinkPage"];
                };
            };
            /** @description The request is malformed or refused by a rule */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": components["schemas"]["LinkPage"];
                };
            };
            /** @description No such resource (or not visible to this caller) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": components["schemas"]["LinkPage"];
                };
            };
            /** @description Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": components["schemas"]["LinkPage"];
                };
            };
            /** @description The database did not answer in time, or cannot store anything (the body names the cause) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": components["schemas"]["LinkPage"];
                };
            };
        };
    };
}
