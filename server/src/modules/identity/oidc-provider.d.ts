// oidc-provider (dev dependency, used only by the OIDC test) ships no type declarations.
declare module 'oidc-provider' {
  const Provider: any;
  export default Provider;
}
