/**
 * The one-line text input of prompts and filters: append, delete and paste. The cursor stays at
 * the end, which is all a filter or a claim value needs and keeps the model trivial.
 */
export interface LineInput {
  value: string;
}

/** Text as a terminal sends it: a keystroke or a whole paste. Newlines of a paste are dropped. */
export function typeText(input: LineInput, text: string): LineInput {
  const clean = text.replace(/[\r\n]+/g, '').replace(/[\u0000-\u001f\u007f]/g, '');
  return clean ? { value: input.value + clean } : input;
}

export function deleteBack(input: LineInput): LineInput {
  return input.value ? { value: [...input.value].slice(0, -1).join('') } : input;
}

/** Ctrl-W: delete the last word, as shells do. */
export function deleteWord(input: LineInput): LineInput {
  return { value: input.value.replace(/\S*\s*$/, '') };
}
