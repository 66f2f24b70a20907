// A page module of the extension in ConsoleExtensionTest.
export const routes = [[/^\/notes$/, () => {}]];
