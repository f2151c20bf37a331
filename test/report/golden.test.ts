/** Every reporter's output for the sample results, checked against test/fixtures/report/golden/. */
import { describe, it } from 'vitest';
import { expectGolden } from './golden.js';
import { renderTest, renderValidate } from './capture.js';
import { sampleTestRun, sampleValidate } from './sample-results.js';

describe('keycard test reporters', () => {
  it.each([
    ['pretty', 'test-pretty.txt'],
    ['json', 'test-json.json'],
    ['junit', 'test-junit.xml'],
    ['tap', 'test-tap.tap'],
    ['github', 'test-github.txt'],
  ])('%s', async (format, golden) => {
    expectGolden(golden, await renderTest([format], sampleTestRun()));
  });

  it('pretty + github (the default on GitHub Actions): groups fold the pretty lines of each file', async () => {
    expectGolden('test-pretty-github.txt', await renderTest(['pretty', 'github'], sampleTestRun()));
  });

  it('pretty with timings', async () => {
    expectGolden('test-pretty-timings.txt', await renderTest(['pretty'], sampleTestRun(), 1, { timings: true }));
  });
});

describe('keycard validate reporters', () => {
  it.each([
    ['pretty', 'validate-pretty.txt'],
    ['json', 'validate-json.json'],
    ['sarif', 'validate-sarif.json'],
    ['github', 'validate-github.txt'],
  ])('%s', async (format, golden) => {
    expectGolden(golden, await renderValidate([format], sampleValidate()));
  });
});
