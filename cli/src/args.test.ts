import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findCommandWords, GLOBAL_OPTIONS, parseCommandLine } from './args.js';
import { CliError } from './cli-error.js';
import type { OptionSpec } from './command-spec.js';

const CREATE: OptionSpec[] = [
  ...GLOBAL_OPTIONS,
  { name: 'name', type: 'string', doc: '' },
  { name: 'json', type: 'boolean', doc: '' },
  { name: 'set', type: 'string', multiple: true, doc: '' },
];

describe('findCommandWords', () => {
  it('takes the first two words', () => {
    assert.deepEqual(findCommandWords(['library', 'create', '--name', 'x']), { group: 'library', command: 'create', wantsHelp: false });
  });

  it('skips the values of global options given first', () => {
    assert.deepEqual(findCommandWords(['--url', 'http://h:1', '--data-dir', 'd', 'library', 'list']), {
      group: 'library',
      command: 'list',
      wantsHelp: false,
    });
    assert.equal(findCommandWords(['--url=http://h:1', 'token', 'create']).group, 'token');
  });

  it('notices --help and -h anywhere before --', () => {
    assert.equal(findCommandWords(['library', '--help']).wantsHelp, true);
    assert.equal(findCommandWords(['-h']).wantsHelp, true);
    assert.equal(findCommandWords(['library', 'show', '--', '--help']).wantsHelp, false);
  });

  it('reports missing words as undefined', () => {
    assert.deepEqual(findCommandWords([]), { group: undefined, command: undefined, wantsHelp: false });
  });
});

describe('parseCommandLine', () => {
  it('reads strings, booleans and repeated options', () => {
    const { positionals, values } = parseCommandLine(
      ['library', 'create', '--name', 'demo', '--json', '--set', 'A=1', '--set=B=true', '--url', 'http://h'],
      CREATE,
    );
    assert.deepEqual(positionals, ['library', 'create']);
    assert.equal(values.name, 'demo');
    assert.equal(values.json, true);
    assert.deepEqual(values.set, ['A=1', 'B=true']);
    assert.equal(values.url, 'http://h');
  });

  it('keeps positionals in order around options', () => {
    assert.deepEqual(parseCommandLine(['library', 'show', '--json', 'abc'], CREATE).positionals, ['library', 'show', 'abc']);
  });

  it('turns unknown options and missing values into short usage errors', () => {
    assert.throws(() => parseCommandLine(['library', 'create', '--bogus'], CREATE), {
      code: 'UsageError',
      exitCode: 2,
      message: "Unknown option '--bogus'",
    });
    assert.throws(() => parseCommandLine(['library', 'create', '--name'], CREATE), CliError);
  });
});
