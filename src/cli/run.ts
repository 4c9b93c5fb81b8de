// The `kiroku` process: runs the command line and sets the exit code (a server keeps the process alive).
import { main } from './main';

const code = await main(process.argv.slice(2));
if (code !== 0) process.exitCode = code;
