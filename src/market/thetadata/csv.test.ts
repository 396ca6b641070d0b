import { describe, expect, it } from 'vitest';
import { CsvError, csvField, parseCsv } from './csv.js';

describe('parseCsv', () => {
  it('reads a header and rows with CRLF or LF line ends, ignoring a trailing line end and a BOM', () => {
    const crlf = parseCsv('\uFEFFa,b\r\n1,2\r\n3,4\r\n');
    expect(crlf).toEqual({
      header: ['a', 'b'],
      rows: [
        ['1', '2'],
        ['3', '4'],
      ],
    });
    expect(parseCsv('a,b\n1,2\n3,4')).toEqual(crlf);
  });

  it('reads quoted fields with commas, doubled quotes and line breaks inside', () => {
    const t = parseCsv('name,note\r\n"Smith, J","said ""hi"""\r\nx,"two\r\nlines"\r\n"",plain\r\n');
    expect(t.rows).toEqual([
      ['Smith, J', 'said "hi"'],
      ['x', 'two\r\nlines'],
      ['', 'plain'],
    ]);
  });

  it('keeps empty fields and returns an empty table for an empty body or a header alone', () => {
    expect(parseCsv('a,b,c\r\n,,\r\n').rows).toEqual([['', '', '']]);
    expect(parseCsv('')).toEqual({ header: [], rows: [] });
    expect(parseCsv('a,b\r\n')).toEqual({ header: ['a', 'b'], rows: [] });
  });

  it('refuses records with too few or too many fields, naming the line', () => {
    expect(() => parseCsv('a,b\r\n1,2\r\n3\r\n')).toThrow(
      new CsvError(3, 'expected 2 fields (as in the header), got 1'),
    );
    expect(() => parseCsv('a,b\n1,2,3\n')).toThrow(/CSV line 2: expected 2 fields/);
  });

  it('refuses stray quotes, unclosed quotes, text after a closing quote and lone carriage returns', () => {
    expect(() => parseCsv('a,b\r\n1,x"y\r\n')).toThrow(/line 2: a quote inside an unquoted field/);
    expect(() => parseCsv('a,b\r\n1,"open\r\n')).toThrow(/line 2: a quoted field is never closed/);
    expect(() => parseCsv('a,b\r\n"1"x,2\r\n')).toThrow(/unexpected text after a closing quote/);
    expect(() => parseCsv('a,b\r1,2\r\n')).toThrow(/carriage return inside a line/);
    expect(() => parseCsv('a,"b"\r1,2\r\n')).toThrow(/unexpected text after a closing quote/);
    expect(() => parseCsv('a,"b"\r\n1,x\ry\r\n')).toThrow(/carriage return inside a field/);
  });

  it('refuses an empty or repeated column name', () => {
    expect(() => parseCsv('a,,c\r\n1,2,3\r\n')).toThrow(/empty column name/);
    expect(() => parseCsv('a,a\r\n1,2\r\n')).toThrow(/column "a" appears twice/);
  });

  it('counts lines inside quoted fields when it reports an error', () => {
    expect(() => parseCsv('a,b\r\n"x\r\ny",1\r\n2\r\n')).toThrow(/CSV line 4/);
  });

  it('round-trips fields through csvField', () => {
    const values = ['plain', 'with,comma', 'with "quote"', 'two\nlines', ''];
    const body = `h1,h2,h3,h4,h5\r\n${values.map(csvField).join(',')}\r\n`;
    expect(parseCsv(body).rows[0]).toEqual(values);
  });
});
