/**
 * @module The marketplace backend's foundations: configuration, token encryption, HubSpot's request
 * signatures, OAuth state and the store. Hosts (`health-score serve`) import from here only.
 */
export {
  loadServerConfig,
  SERVER_DEFAULTS,
  type ServerConfig,
  ServerConfigError,
} from './config.ts'
export {
  type IssuedState,
  issueOAuthState,
  OAUTH_STATE_COOKIE,
  OAUTH_STATE_FAILURES,
  OAUTH_STATE_TTL_MS,
  type OAuthStateCheck,
  type OAuthStateFailure,
  verifyOAuthState,
} from './oauth-state.ts'
export {
  SIGNATURE_FAILURES,
  SIGNATURE_WINDOW_MS,
  type SignatureCheck,
  type SignatureFailure,
  signatureUri,
  type SignedRequest,
  signV2,
  signV3,
  type V3Request,
  verifyV2,
  verifyV3,
} from './signatures.ts'
export {
  installationTokenContext,
  type SealedToken,
  TOKEN_CIPHER_FAILURES,
  TokenCipher,
  TokenCipherError,
  type TokenCipherFailure,
} from './token-cipher.ts'
