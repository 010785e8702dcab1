// freePorts: several ports at once, all different, each free to bind.
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { test } from 'node:test';
import { freePorts } from './local-witnesses.js';

test('freePorts gives distinct ports that can each be bound', async () => {
  const ports = await freePorts(16);
  assert.equal(new Set(ports).size, 16, `distinct: ${ports.join(' ')}`);
  for (const port of ports) {
    const s = createServer();
    await new Promise<void>((resolve, reject) => {
      s.once('error', reject);
      s.listen(port, '127.0.0.1', () => resolve());
    });
    await new Promise<void>((resolve) => s.close(() => resolve()));
  }
});
