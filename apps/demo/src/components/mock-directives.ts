/**
 * The relay mock model's prompt directives (packages/mock-openai/README.md) the demo offers, each
 * with the argument its example uses; what they do is in the demo's texts, per language.
 */
export const MOCK_DIRECTIVES = [
  '/length 40',
  '/error 429',
  '/drop 30',
  '/reasoning',
  '/slow 3000',
  '/tps 200',
  '/long',
  '/tools',
] as const

export type MockDirective = (typeof MOCK_DIRECTIVES)[number]
