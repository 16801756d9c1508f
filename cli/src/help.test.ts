import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GLOBAL_OPTIONS } from './args.js';
import { GROUPS } from './commands/index.js';
import { commandHelp, groupHelp, programHelp } from './help.js';

describe('help', () => {
  it('lists every command in the program help and every option in its group help', () => {
    const program = programHelp(GROUPS);
    for (const group of GROUPS) {
      const text = groupHelp(group);
      for (const command of group.commands) {
        assert.match(program, new RegExp(`\\b${group.name} ${command.name}\\b`));
        assert.ok(text.includes(`opensmh ${group.name} ${command.name}`));
        for (const option of command.options) {
          assert.ok(text.includes(`--${option.name}`), `${group.name} ${command.name} --${option.name}`);
          assert.ok(commandHelp(group, command).includes(`--${option.name}`));
        }
      }
    }
    for (const option of GLOBAL_OPTIONS) {
      assert.ok(program.includes(`--${option.name}`));
    }
  });
});
