/// <reference types="vite/client" />

declare module 'swagger-ui-dist/swagger-ui-es-bundle.js' {
  interface SwaggerUIOptions {
    url?: string;
    dom_id?: string;
    deepLinking?: boolean;
    validatorUrl?: string | null;
    presets?: unknown[];
    [option: string]: unknown;
  }
  interface SwaggerUIFactory {
    (options: SwaggerUIOptions): unknown;
    presets: { apis: unknown; base: unknown };
  }
  const SwaggerUI: SwaggerUIFactory;
  export default SwaggerUI;
}
