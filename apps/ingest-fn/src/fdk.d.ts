// Types for the parts of the Fn FDK for Node (@fnproject/fdk, which ships none) that the function uses.
declare module '@fnproject/fdk' {
  export interface FnContext {
    readonly callID: string;
    readonly deadline: Date;
    getHeader(name: string): string | null;
    responseContentType: string;
  }
  export function handle(
    handler: (input: Buffer, ctx: FnContext) => Promise<unknown>,
    options: { readonly inputMode: 'buffer' },
  ): void;
}
