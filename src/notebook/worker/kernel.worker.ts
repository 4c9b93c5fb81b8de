// The kernel's Web Worker entry: creates the kernel and wires it to the page. Nothing else lives here —
// execution is in kernel.ts, testable in Node without a Worker.
import type { HostMessage, KernelMessage } from '../protocol';
import { Kernel } from './kernel';

// The project's lib is DOM (no WebWorker lib beside it): the few members used here, typed locally.
interface WorkerScope {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<HostMessage>) => void): void;
  addEventListener(type: 'error', listener: (event: ErrorEvent) => void): void;
  addEventListener(type: 'unhandledrejection', listener: (event: PromiseRejectionEvent) => void): void;
}

const scope = self as unknown as WorkerScope;
// Bound once: a cell that declares its own `postMessage` or `onmessage` cannot cut the kernel off.
const post = scope.postMessage.bind(scope) as (message: KernelMessage) => void;
const kernel = new Kernel(post);

scope.addEventListener('message', (event: MessageEvent<HostMessage>) => void kernel.handle(event.data));
// Errors no cell caught are shown under the last cell instead of reaching the page as worker errors
// (which the page reads as a dead kernel).
scope.addEventListener('error', (event: ErrorEvent) => {
  event.preventDefault();
  kernel.reportUncaught(event.error ?? event.message, 'error');
});
scope.addEventListener('unhandledrejection', (event: PromiseRejectionEvent) => {
  event.preventDefault();
  kernel.reportUncaught(event.reason, 'rejection');
});
