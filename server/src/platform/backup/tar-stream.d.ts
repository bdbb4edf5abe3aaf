// Minimal types for tar-stream 2.x (the package ships none).
declare module 'tar-stream' {
  import type { Readable, Writable } from 'node:stream';
  export interface Headers {
    name: string;
    size?: number;
    mode?: number;
    mtime?: Date;
    type?: 'file' | 'directory' | 'symlink' | 'link' | string;
  }
  export interface Pack extends Readable {
    entry(headers: Headers, callback?: (err?: Error | null) => void): Writable;
    entry(headers: Headers, buffer: string | Buffer, callback?: (err?: Error | null) => void): Writable;
    finalize(): void;
  }
  export interface Extract extends Writable {
    on(
      event: 'entry',
      listener: (headers: Headers, stream: Readable, next: (err?: unknown) => void) => void,
    ): this;
    on(event: string, listener: (...args: any[]) => void): this;
  }
  const tar: { pack(): Pack; extract(): Extract };
  export default tar;
}
