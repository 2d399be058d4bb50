import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/** SHA-256 of the shared spec fixtures (/work/shared/specs/fixtures) at the time they were copied. */
const ORIGINALS: Record<string, string> = {
  'fx/bnr-nbrfxrates-2025-10-21.xml': 'c6abc7c0a0f879396806d47a7c780ad5ee1cd769652cc9c1041e771c00a50074',
  'fx/bnr-nbrfxrates-2026-08-05.xml': '70cd366b9cfa24abc8ab9c0e7a9f07c0b82f08cc28bc77f527baf7cc3c348f3b',
  'fx/ecb-eurofxref-daily-2025-10-21.xml': '077ca8d68d16018695891105de1fa88793be55e6c88fb375bae19f3fc3e95335',
  'cdon/article-bulk-create-partial-response-202.json': '2f7707f18eca5e0ecce4567a7886010196f3e01270050aa4ea8432ce367c8a87',
  'cdon/article-bulk-create-request.json': '82f4dbca3961a058516dec8fa3e29bda09669bcac1fe90fac14b737505753b62',
  'cdon/article-bulk-create-response-202.json': '95480d23d6d6609c930e99fce7cde963c69840a4094df5e8b9f9b3fcbf99ae21',
  'cdon/article-bulk-update-partial-response-202.json': '6bef45c6166dc2942ff4043d84fe7af8891c705ee33d37a9ffd04adafcd88c40',
  'cdon/article-bulk-update-request.json': '0c74fb826fc45002701131163d407232a256808b1087494e4593250ead3d839f',
  'cdon/order-fulfill-403-already-fulfilled.json': '9913363f1f516185a05ecdb84f5298154bd43ff1d76ee899c670fe0157773233',
  'cdon/order-fulfill-request.json': '5f1e107631449b1886329158e9baca3ac047aee9e7d6cba896227e4a6b56e536',
  'cdon/order-response.json': '6a0bac3c958eebc5ed6842aeb657032f1fc7f73e10ba09d8667ea2f8d6dd9758',
  'cdon/sandbox-test-order-request.json': 'c01dbcbbcd61112739f6bca216f01c5175c7457349dc2db740727a08875c0ad5',
  'cdon/statuses-batch-response.json': '8feb515a4657ee23cfa9c504f293ef527b98841f6d38ae3dbb0371adb0e7ba53',
};

describe('package fixture copies', () => {
  it.each(Object.entries(ORIGINALS))('%s is byte-identical to the spec fixture', (file, sha) => {
    const bytes = readFileSync(new URL(`../fixtures/${file}`, import.meta.url));
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(sha);
  });
});
