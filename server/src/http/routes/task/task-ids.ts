import { SmhError } from '../../../errors/smh-error.js';

/** Ids one T1/T2 call may ask for; a client polling more splits its list. */
export const MAX_TASK_IDS = 100;

/** `{TaskIdList}`: comma-separated positive integers (core.md §1.3). */
export function parseTaskIds(text: string, max = MAX_TASK_IDS): number[] {
  const parts = text.split(',').map((part) => part.trim());
  if (parts.length > max) {
    throw new SmhError('ParamInvalid', max === 1 ? 'Name one task id.' : `At most ${max} task ids per request.`);
  }
  return parts.map((part) => {
    if (!/^[1-9][0-9]{0,14}$/.test(part)) {
      throw new SmhError('ParamInvalid', `"${part}" is not a task id.`);
    }
    return Number(part);
  });
}
