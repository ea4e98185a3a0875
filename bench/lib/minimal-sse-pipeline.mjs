#!/usr/bin/env node
/**
 * The least a server must do to deliver a workflow's output as an event stream, for the
 * runs bench's ceiling figure: on each GET it spawns the command given as arguments,
 * splits its output into lines (bytes), encodes them with the ops core's own line encoder
 * into log records and `line` events, appends the records to a file (one write at a
 * time) and sends the events to the one client, pausing the command while the client's
 * socket is full. No framework, no window, no history, no crash safety beyond the write.
 * Prints its URL; uses the built dist/.
 *   node bench/lib/minimal-sse-pipeline.mjs <log file> <command> [args...]
 */
import { spawn } from 'node:child_process';
import { open } from 'node:fs/promises';
import { createServer } from 'node:http';

const dist = new URL('../../dist/main/runs/log/', import.meta.url);
const { LineEncoder } = await import(new URL('line-encoder.js', dist).href);
const { LineSplitter } = await import(new URL('line-splitter.js', dist).href);
const [logPath, command, ...args] = process.argv.slice(2);

const server = createServer(async (req, res) => {
  res.writeHead(200, { 'Content-Type': 'text/event-stream' });
  const encoder = new LineEncoder();
  const splitter = new LineSplitter();
  const log = await open(logPath, 'w');
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'ignore'] });
  let seq = 1;
  let files = [];
  let events = [];
  let flushing;
  const flush = async () => {
    while (files.length > 0) {
      const batch = files;
      const out = events;
      files = [];
      events = [];
      await log.writev(batch);
      let accepted = true;
      for (const buffer of out) accepted = res.write(buffer);
      if (!accepted) {
        child.stdout.pause();
        await new Promise((resolve) => res.once('drain', resolve));
        child.stdout.resume();
      }
    }
    flushing = undefined;
  };
  child.stdout.on('data', (chunk) => {
    const t = new Date().toISOString();
    for (const piece of splitter.push(chunk)) {
      if (typeof piece === 'string') continue; // the flood has no over-long lines
      for (const block of encoder.encode(piece, seq, t, 'stdout')) {
        files.push(block.file);
        events.push(block.events);
        seq += block.count;
      }
    }
    flushing ??= flush();
  });
  child.on('close', async () => {
    await flushing;
    await flush();
    await log.close();
    res.end();
  });
});
server.listen(0, '127.0.0.1', () => console.log(`http://127.0.0.1:${server.address().port}`));
