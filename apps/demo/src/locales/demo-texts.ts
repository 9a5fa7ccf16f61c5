import type { ChatLocale, ChatTheme } from '@typewriter-chat/vue'
import type { MockDirective } from '../components/mock-directives.js'

/** Every text of the demo around the chat (the chat's own come from the kit's locales). */
export interface DemoTexts {
  /** The header badge: the model in use (`model('')` when the relay names none). */
  modelBadge: { mock: string; model: (id: string) => string }
  /** The badge's tooltip, by kind of upstream. */
  badgeTitle: { mock: string; openai: string }
  newChat: string
  settings: string
  inspector: string
  /** Name of the header's navigation landmark. */
  demoNav: string
  rawStream: string
  close: string

  model: string
  serverDefault: (model: string | undefined) => string
  modelListFailed: (error: string) => string
  modelsLoading: string
  modelsListed: (count: number) => string
  systemPrompt: string
  systemPromptExample: string
  typewriterSpeed: string
  speedValue: (charsPerSecond: number) => string
  speedValueText: (charsPerSecond: number) => string
  speedOff: string
  typewriterOff: string
  continuation: string
  continuationNote: string
  language: string
  theme: string
  themes: Record<ChatTheme, string>

  tryMock: string
  directivesOnOpenAI: { before: string; after: string }
  directivesIntro: string
  sendExample: (example: string) => string
  /** Per mock directive: what it does, and a question to send with it as an example. */
  directives: Record<MockDirective, { effect: string; question: string }>

  rawIdle: string
  noContentType: string
  events: (count: number) => string
  comments: (count: number) => string
  streaming: string
  wrapLines: string
  rawEventsLabel: string
  earlierLines: (count: number) => string
  endComplete: (detail: string | undefined) => string
  endAborted: string
  endClosed: string
  endFailed: (detail: string | undefined) => string
}

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`

const en: DemoTexts = {
  modelBadge: {
    mock: 'Model: built-in mock',
    model: (id) => `Model: ${id === '' ? 'relay default' : id}`,
  },
  badgeTitle: {
    mock: 'The relay has no API key: a built-in mock model answers, no network needed.',
    openai: 'The model the relay asks for this chat.',
  },
  newChat: 'New chat',
  settings: 'Settings',
  inspector: 'Inspector',
  demoNav: 'Demo',
  rawStream: 'Raw stream',
  close: 'Close',

  model: 'Model',
  serverDefault: (model) => (model === undefined ? 'Server default' : `Server default (${model})`),
  modelListFailed: (error) => `Could not load the model list: ${error}`,
  modelsLoading: 'Loading models from /v1/models…',
  modelsListed: (count) => `${plural(count, 'model', 'models')} from /v1/models`,
  systemPrompt: 'System prompt',
  systemPromptExample: 'e.g. Answer briefly and use examples.',
  typewriterSpeed: 'Typewriter speed',
  speedValue: (chars) => `${chars} chars/s`,
  speedValueText: (chars) => `${chars} characters per second`,
  speedOff: 'off',
  typewriterOff: 'Typewriter off',
  continuation: 'Continue cut-off replies',
  continuationNote: 'A reply stopped by the token limit is asked for again and stitched into one.',
  language: 'Language',
  theme: 'Theme',
  themes: { auto: 'Auto', light: 'Light', dark: 'Dark' },

  tryMock: 'Try the mock model',
  directivesOnOpenAI: {
    before:
      'The relay talks to a real upstream, so these directives are plain text there. Without an',
    after: 'the mock model obeys them:',
  },
  directivesIntro: 'Start a message with a directive (or click one to send an example):',
  sendExample: (example) => `Send “${example}”`,
  directives: {
    '/length 40': {
      effect: 'cuts the reply at 40 tokens; with continuation on, the relay carries on seamlessly',
      question: 'Compare Vue vs React',
    },
    '/error 429': {
      effect: 'fails with that HTTP status (401, 429, 500, 503...)',
      question: 'Explain rate limits',
    },
    '/drop 30': {
      effect: 'drops the connection after 30 tokens, mid-reply',
      question: 'Explain server-sent events',
    },
    '/reasoning': {
      effect: 'thinks first, shown in a collapsible section',
      question: 'Why is the sky blue?',
    },
    '/slow 3000': {
      effect: 'waits 3 s before the first token',
      question: 'Write a haiku about latency',
    },
    '/tps 200': {
      effect: 'streams at 200 tokens per second',
      question: 'Show me a markdown showcase',
    },
    '/long': { effect: 'a long answer, 10–20 KB', question: 'Write an essay about streaming UIs' },
    '/tools': {
      effect: 'calls the demo’s get_weather tool, then answers with its result',
      question: 'what is the weather in Paris',
    },
  },

  rawIdle:
    'Send a message: the SSE events of the reply show up here exactly as the relay sent them.',
  noContentType: 'no content type',
  events: (count) => plural(count, 'event', 'events'),
  comments: (count) => plural(count, 'comment', 'comments'),
  streaming: 'streaming…',
  wrapLines: 'Wrap long lines',
  rawEventsLabel: 'Events of the last reply',
  earlierLines: (count) => `${plural(count, 'earlier line', 'earlier lines')} not shown.`,
  endComplete: (detail) => (detail === undefined ? 'end of stream' : `end of stream: ${detail}`),
  endAborted: 'request aborted (Stop or timeout)',
  endClosed: 'closed by the reader',
  endFailed: (detail) => `stream failed: ${detail ?? 'unknown error'}`,
}

const zhCN: DemoTexts = {
  modelBadge: {
    mock: '模型：内置模拟',
    model: (id) => `模型：${id === '' ? '中继默认' : id}`,
  },
  badgeTitle: {
    mock: '中继没有 API 密钥：由内置的模拟模型回答，无需网络。',
    openai: '中继为此对话请求的模型。',
  },
  newChat: '新对话',
  settings: '设置',
  inspector: '检查器',
  demoNav: '演示',
  rawStream: '原始数据流',
  close: '关闭',

  model: '模型',
  serverDefault: (model) => (model === undefined ? '服务器默认' : `服务器默认（${model}）`),
  modelListFailed: (error) => `无法加载模型列表：${error}`,
  modelsLoading: '正在从 /v1/models 加载模型…',
  modelsListed: (count) => `来自 /v1/models 的 ${count} 个模型`,
  systemPrompt: '系统提示词',
  systemPromptExample: '例如：回答简短，多举例子。',
  typewriterSpeed: '打字机速度',
  speedValue: (chars) => `${chars} 字/秒`,
  speedValueText: (chars) => `每秒 ${chars} 个字符`,
  speedOff: '关闭',
  typewriterOff: '关闭打字机效果',
  continuation: '自动续写被截断的回复',
  continuationNote: '因长度上限而中断的回复会自动再次请求，并拼接成一条完整回复。',
  language: '语言',
  theme: '主题',
  themes: { auto: '跟随系统', light: '浅色', dark: '深色' },

  tryMock: '试试模拟模型',
  directivesOnOpenAI: {
    before: '中继连接的是真实上游，这些指令在那里只是普通文本。未设置',
    after: '时，模拟模型会执行它们：',
  },
  directivesIntro: '在消息开头加上指令（或点击一个发送示例）：',
  sendExample: (example) => `发送“${example}”`,
  directives: {
    '/length 40': {
      effect: '在 40 个 token 处截断回复；开启续写时，中继会无缝接着写',
      question: '比较 Vue 和 React',
    },
    '/error 429': {
      effect: '以该 HTTP 状态失败（401、429、500、503……）',
      question: '解释一下限流',
    },
    '/drop 30': {
      effect: '在 30 个 token 后断开连接，回复中途中断',
      question: '解释服务器发送事件',
    },
    '/reasoning': {
      effect: '先思考，思考内容显示在可折叠区域中',
      question: '天空为什么是蓝色的？',
    },
    '/slow 3000': { effect: '第一个 token 前等待 3 秒', question: '写一首关于延迟的俳句' },
    '/tps 200': { effect: '以每秒 200 个 token 的速度输出', question: '展示一下 markdown 的效果' },
    '/long': { effect: '一篇长回答，10–20 KB', question: '写一篇关于流式界面的文章' },
    '/tools': { effect: '调用演示的 get_weather 工具，再用结果回答', question: '巴黎天气怎么样' },
  },

  rawIdle: '发送一条消息：回复的 SSE 事件会按中继发送的原样显示在这里。',
  noContentType: '无内容类型',
  events: (count) => `${count} 个事件`,
  comments: (count) => `${count} 条注释`,
  streaming: '传输中…',
  wrapLines: '长行自动换行',
  rawEventsLabel: '上一条回复的事件',
  earlierLines: (count) => `更早的 ${count} 行未显示。`,
  endComplete: (detail) => (detail === undefined ? '数据流结束' : `数据流结束：${detail}`),
  endAborted: '请求已中止（停止或超时）',
  endClosed: '已由读取方关闭',
  endFailed: (detail) => `数据流失败：${detail ?? '未知错误'}`,
}

/** The demo's texts in each of the chat's locales. */
export const DEMO_TEXTS: Readonly<Record<ChatLocale, DemoTexts>> = { en, 'zh-CN': zhCN }
