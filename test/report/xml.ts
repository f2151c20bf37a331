/**
 * A tiny, strict XML 1.0 parser for tests: elements, attributes, text, the XML declaration.
 * It rejects what a real parser would: characters XML cannot carry, bare `&` or `<`, unknown
 * entities, unquoted or duplicate attributes, and mismatched tags. No DTDs, CDATA or comments,
 * because the JUnit reporter never writes them.
 */
export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

// eslint-disable-next-line no-control-regex -- the characters XML 1.0 forbids
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;
const NAME = /^[A-Za-z_][\w.-]*/;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(raw: string, where: string): string {
  if (raw.includes('<')) throw new Error(`raw \`<\` in ${where}`);
  return raw.replace(/&([^;]*);?/g, (match, ref: string) => {
    if (!match.endsWith(';')) throw new Error(`bare \`&\` in ${where}`);
    if (ref in ENTITIES) return ENTITIES[ref]!;
    const num = /^#x([0-9a-fA-F]+)$/.exec(ref)?.[1] ?? /^#([0-9]+)$/.exec(ref)?.[1];
    if (num === undefined) throw new Error(`unknown entity \`&${ref};\` in ${where}`);
    const cp = ref.startsWith('#x') ? parseInt(num, 16) : parseInt(num, 10);
    const ch = String.fromCodePoint(cp);
    if (FORBIDDEN.test(ch)) throw new Error(`character reference to a forbidden character in ${where}`);
    return ch;
  });
}

export function parseXml(source: string): XmlElement {
  if (FORBIDDEN.test(source)) throw new Error('document contains a character XML 1.0 forbids');
  let pos = 0;
  const rest = () => source.slice(pos);
  const skipSpace = () => {
    while (/\s/.test(source[pos] ?? '')) pos++;
  };
  const decl = /^<\?xml\s+version="1\.0"(\s+encoding="UTF-8")?\s*\?>/.exec(source);
  if (decl) pos = decl[0].length;

  function element(): XmlElement {
    if (source[pos] !== '<') throw new Error(`expected \`<\` at ${pos}`);
    pos++;
    const name = NAME.exec(rest())?.[0];
    if (!name) throw new Error(`bad element name at ${pos}`);
    pos += name.length;
    const el: XmlElement = { name, attrs: {}, children: [], text: '' };
    for (;;) {
      const before = pos;
      skipSpace();
      if (source.startsWith('/>', pos)) {
        pos += 2;
        return el;
      }
      if (source[pos] === '>') {
        pos++;
        break;
      }
      if (pos === before) throw new Error(`expected whitespace before attribute in <${name}>`);
      const attr = /^([A-Za-z_][\w.:-]*)\s*=\s*"([^"]*)"/.exec(rest());
      if (!attr) throw new Error(`bad or unquoted attribute in <${name}> at ${pos}`);
      if (attr[1]! in el.attrs) throw new Error(`duplicate attribute \`${attr[1]}\` in <${name}>`);
      el.attrs[attr[1]!] = decode(attr[2]!, `attribute ${name}@${attr[1]}`);
      pos += attr[0].length;
    }
    for (;;) {
      const lt = source.indexOf('<', pos);
      if (lt < 0) throw new Error(`unclosed <${name}>`);
      el.text += decode(source.slice(pos, lt), `text of <${name}>`);
      pos = lt;
      if (source.startsWith('</', pos)) {
        const close = /^<\/([A-Za-z_][\w.-]*)\s*>/.exec(rest());
        if (!close || close[1] !== name) throw new Error(`expected </${name}> at ${pos}`);
        pos += close[0].length;
        return el;
      }
      el.children.push(element());
    }
  }

  skipSpace();
  const root = element();
  skipSpace();
  if (pos !== source.length) throw new Error('content after the root element');
  return root;
}
