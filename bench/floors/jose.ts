/** Cold-start floor of the authorizer: jose's verification alone. */
export { jwtVerify } from 'jose';
