// Strict readers of the CI formats, written here (no dependency) and shared by the formatter tests
// and the CLI tests: XML 1.0 well-formedness, the shape SARIF 2.1.0 requires, GitHub workflow
// command syntax, and RFC 4180 CSV.

// A strict XML 1.0 well-formedness reader: the declaration, one root, matched tags, quoted and
// unique attributes, only the five predefined entities and character references, no `<` in
// attribute values, no raw `&`, no character XML forbids. Throws on anything else.

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

export function parseXml(xml: string): XmlElement {
  let i = 0;
  const fail = (what: string): never => {
    throw new Error(`${what} at ${i}: ${JSON.stringify(xml.slice(i, i + 40))}`);
  };
  const skipSpace = () => {
    const start = i;
    while (/[ \t\r\n]/.test(xml[i] ?? '')) i++;
    return i > start;
  };
  const expect = (s: string) => {
    if (!xml.startsWith(s, i)) fail(`expected ${s}`);
    i += s.length;
  };
  const readName = () => {
    const m = /[A-Za-z_:][A-Za-z0-9_.:-]*/y;
    m.lastIndex = i;
    const found = m.exec(xml) ?? fail('name expected');
    i += found[0].length;
    return found[0];
  };
  const decode = (raw: string, inAttr: boolean) => {
    if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/.test(raw)) fail('character not allowed in XML');
    if (inAttr && raw.includes('<')) fail('< in an attribute value');
    if (raw.includes(']]>')) fail(']]> in text');
    return raw.replace(/&([^;]*)(;?)/g, (_, ref: string, semi: string) => {
      if (!semi) fail('& that is not a reference');
      const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
      if (ref in named) return named[ref]!;
      const num = /^#(\d+)$/.exec(ref)?.[1] ?? null;
      const hex = /^#x([0-9A-Fa-f]+)$/.exec(ref)?.[1] ?? null;
      if (num === null && hex === null) fail(`unknown entity &${ref};`);
      return String.fromCodePoint(num !== null ? Number(num) : parseInt(hex!, 16));
    });
  };
  const element = (): XmlElement => {
    expect('<');
    const el: XmlElement = { name: readName(), attrs: {}, children: [], text: '' };
    for (;;) {
      const spaced = skipSpace();
      if (xml.startsWith('/>', i)) {
        i += 2;
        return el;
      }
      if (xml[i] === '>') break;
      if (!spaced) fail('space expected before an attribute');
      const name = readName();
      skipSpace();
      expect('=');
      skipSpace();
      const quote = xml[i];
      if (quote !== '"' && quote !== "'") fail('quoted attribute value expected');
      const end = xml.indexOf(quote!, i + 1);
      if (end < 0) fail('unterminated attribute value');
      if (name in el.attrs) fail(`duplicate attribute ${name}`);
      el.attrs[name] = decode(xml.slice(i + 1, end), true);
      i = end + 1;
    }
    i++;
    for (;;) {
      if (i >= xml.length) fail(`unclosed <${el.name}>`);
      if (xml.startsWith('</', i)) {
        i += 2;
        if (readName() !== el.name) fail(`mismatched end tag for <${el.name}>`);
        skipSpace();
        expect('>');
        return el;
      }
      if (xml[i] === '<') {
        el.children.push(element());
        continue;
      }
      const end = xml.indexOf('<', i);
      el.text += decode(xml.slice(i, end < 0 ? xml.length : end), false);
      i = end < 0 ? xml.length : end;
    }
  };
  expect('<?xml version="1.0" encoding="UTF-8"?>');
  skipSpace();
  const root = element();
  skipSpace();
  if (i !== xml.length) fail('content after the root element');
  return root;
}

export const kids = (el: XmlElement, name: string) => el.children.filter((c) => c.name === name);
// The parts of the SARIF 2.1.0 schema a consumer relies on, checked by hand.

/** A URI reference as RFC 3986 allows it: ASCII only, `%` always followed by two hex digits. */
export const URI_REFERENCE = /^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?#]|%[0-9A-Fa-f]{2})*$/;

export function sarifProblems(log: any): string[] {
  const problems: string[] = [];
  const check = (ok: boolean, what: string) => ok || problems.push(what);
  check(log.$schema === 'https://json.schemastore.org/sarif-2.1.0.json', '$schema');
  check(log.version === '2.1.0', 'version');
  check(Array.isArray(log.runs) && log.runs.length === 1, 'runs');
  const run = log.runs?.[0];
  const driver = run?.tool?.driver;
  check(typeof driver?.name === 'string' && driver.name.length > 0, 'tool.driver.name');
  check(Array.isArray(driver?.rules), 'tool.driver.rules');
  const ids: string[] = (driver?.rules ?? []).map((r: any) => r.id);
  check(new Set(ids).size === ids.length, 'rule ids unique');
  for (const r of driver?.rules ?? []) check(typeof r.id === 'string' && typeof r.shortDescription?.text === 'string', `rule ${r.id}`);
  check(Array.isArray(run?.results), 'results');
  for (const [n, r] of (run?.results ?? []).entries()) {
    const at = `results[${n}]`;
    check(ids.includes(r.ruleId), `${at}.ruleId among the rules`);
    check(r.ruleIndex === undefined || ids[r.ruleIndex] === r.ruleId, `${at}.ruleIndex`);
    check(['error', 'warning', 'note', 'none'].includes(r.level), `${at}.level`);
    check(typeof r.message?.text === 'string' && r.message.text.length > 0, `${at}.message.text`);
    check(Array.isArray(r.locations) && r.locations.length > 0, `${at}.locations`);
    for (const loc of r.locations ?? []) {
      const uri = loc.physicalLocation?.artifactLocation?.uri;
      check(typeof uri === 'string' && uri.length > 0 && URI_REFERENCE.test(uri), `${at} artifactLocation.uri ${uri}`);
      for (const l of loc.logicalLocations ?? []) check(typeof l.name === 'string' && typeof l.fullyQualifiedName === 'string' && typeof l.kind === 'string', `${at} logicalLocation`);
    }
  }
  // A file left out on purpose: a note among the invocation's notifications, its descriptor described by the driver.
  const notificationIds: string[] = (driver?.notifications ?? []).map((n: any) => n.id);
  for (const [n, inv] of (run?.invocations ?? []).entries()) {
    check(typeof inv.executionSuccessful === 'boolean', `invocations[${n}].executionSuccessful`);
    for (const note of inv.toolExecutionNotifications ?? []) {
      check(['error', 'warning', 'note', 'none'].includes(note.level), `notification level`);
      check(typeof note.message?.text === 'string' && note.message.text.length > 0, 'notification message.text');
      check(note.descriptor === undefined || notificationIds.includes(note.descriptor.id), `notification descriptor ${note.descriptor?.id}`);
      for (const loc of note.locations ?? []) check(URI_REFERENCE.test(loc.physicalLocation?.artifactLocation?.uri ?? ''), 'notification uri');
    }
  }
  for (const a of run?.artifacts ?? []) check(URI_REFERENCE.test(a.location?.uri ?? ''), `artifact uri ${a.location?.uri}`);
  return problems;
}

export const COMMAND = /^::(error|warning|notice) file=[^,]+,title=[^:]+::.+$/;


/** An RFC 4180 reader: CRLF records, quoted fields with doubled quotes. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  while (i < text.length) {
    let field = '';
    if (text[i] === '"') {
      for (i++; ; i++) {
        if (i >= text.length) throw new Error('unterminated quote');
        if (text[i] === '"' && text[i + 1] === '"') (field += '"'), i++;
        else if (text[i] === '"') break;
        else field += text[i];
      }
      i++;
    } else {
      while (i < text.length && text[i] !== ',' && text[i] !== '\r') field += text[i++];
    }
    row.push(field);
    if (text[i] === ',') i++;
    else if (text.startsWith('\r\n', i)) (i += 2), rows.push(row), (row = []);
    else throw new Error(`unexpected ${JSON.stringify(text[i])} at ${i}`);
  }
  return rows;
}

