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
    verifyCredentials(type: 'email-address' | 'phone-number', code: string): Promise<KiiUserInstance>;
    verifyPhoneNumber(code: string): Promise<KiiUserInstance>;
    resendEmailVerification(): Promise<KiiUserInstance>;
    resendPhoneNumberVerification(): Promise<KiiUserInstance>;
  }
  interface KiiUserStatic {
    userWithUsername(username: string, password: string): KiiUserInstance;
    userWithEmailAddressAndUsername(email: string, username: string, password: string): KiiUserInstance;
    userWithPhoneNumberAndUsername(phone: string, username: string, password: string): KiiUserInstance;
    resetPassword(email: string): Promise<void>;
    resetPasswordWithNotificationMethod(identifier: string, method: 'EMAIL' | 'SMS' | 'SMS_PIN'): Promise<void>;
    completeResetPassword(identifier: string, pinCode: string, newPassword: string | null): Promise<void>;
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
