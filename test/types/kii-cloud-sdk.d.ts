// The SDK ships no types; these cover what the tests call.
declare module 'kii-cloud-sdk' {
  interface KiiUserInstance {
    getID(): string;
    getUsername(): string;
    getAccessToken(): string;
    isPseudoUser(): boolean;
    get(key: string): unknown;
    set(key: string, value: unknown): void;
    register(): Promise<KiiUserInstance>;
    refresh(): Promise<KiiUserInstance>;
    update(
      identity: null,
      callbacks: null,
      fields: Record<string, unknown>,
      remove: string[],
    ): Promise<KiiUserInstance>;
    save(): Promise<KiiUserInstance>;
    updatePassword(oldPassword: string, newPassword: string): Promise<KiiUserInstance>;
    delete(): Promise<KiiUserInstance>;
  }
  interface KiiUserStatic {
    userWithUsername(username: string, password: string): KiiUserInstance;
    authenticate(username: string, password: string): Promise<KiiUserInstance>;
    authenticateWithToken(token: string): Promise<KiiUserInstance>;
    registerAsPseudoUser(callbacks: null, fields?: Record<string, unknown>): Promise<KiiUserInstance>;
  }
  const sdk: {
    create(): {
      Kii: { initializeWithSite(appId: string, appKey: string, site: string): void };
      KiiUser: KiiUserStatic;
    };
  };
  export default sdk;
}
