// The two mocha globals the Chromium tests use (@web/test-runner provides mocha at run time).
declare function describe(name: string, suite: () => void): void;
declare function it(name: string, test: () => void | Promise<void>): void;
