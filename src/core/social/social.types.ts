/** A registration through the v1 face: an email or a login name (or both), a password, and perhaps a handle. */
export interface Registration {
  email?: string | undefined;
  loginName?: string | undefined;
  password: string;
  handle?: string | undefined;
}

/** A password log-in through the v1 face: `username` is a login name, an email or a phone number. */
export interface LogInRequest {
  username: string;
  password: string;
}
