import { sentences, type AnswerContext, type Fragment, type Topic } from './topic.js'

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u

const overview: Fragment = (context) =>
  `## 概述\n\n${sentences(
    context,
    [
      [
        `**${context.subject}** 是一个很常见的问题，理解它的关键在于先弄清楚它要解决什么。`,
        `关于“${context.subject}”，我们可以从背景、原理和实践三个方面来看。`,
      ],
      [
        '简单来说，先让它跑起来，再让它跑得好，最后让它跑得快。',
        '很多时候，问题并不在于工具本身，而在于使用方式。',
      ],
    ],
    '',
  )}`

const points: Fragment = (context) =>
  `## 要点\n\n${context.random
    .sample(
      [
        '- **从小处开始**：先做一个最小可用的版本。',
        '- **先测量再优化**：没有数据的优化往往是浪费时间。',
        '- **保持简单**：能用一行解决的，不要写十行。',
        '- **写好文档**：今天的笔记是明天的救命稻草 📒',
        '- **尽早获得反馈**：让真正的用户来试用。',
      ],
      3,
    )
    .join('\n')}`

const steps: Fragment = () =>
  `## 步骤\n\n1. 明确目标，写下“完成”的标准\n2. 搭建最简单的端到端流程\n3. 编写测试，固定住关键行为\n4. 根据反馈逐步改进 ✅`

const example: Fragment = () =>
  `## 示例\n\n\`\`\`ts\n// 逐字输出，模拟打字机效果\nfor (const char of '你好，世界！') {\n  process.stdout.write(char)\n}\n\`\`\``

const table: Fragment = () =>
  `## 对比\n\n| 方案 | 优点 | 缺点 |\n| --- | --- | --- |\n| 方案 A | 简单、上手快 | 灵活性较差 |\n| 方案 B | 功能强大 | 学习成本高 |`

const tip: Fragment = (context) =>
  `> 💡 **提示**：${context.random.pick([
    '遇到问题时，先阅读官方文档，再去搜索引擎。',
    '不要过早优化，清晰的代码比聪明的代码更重要。',
    '每次只改一个变量，才能知道是什么起了作用。',
  ])}`

const SECTIONS: readonly [Fragment, ...Fragment[]] = [overview, points, steps, example, table, tip]

/** Any question in Chinese (or Japanese) script is answered in Chinese, with the usual markdown. */
export const chineseTopic: Topic = {
  name: 'chinese',
  matches: (question) => CJK.test(question),
  compose: (context: AnswerContext) => [
    context.random.pick([
      `你好！关于“${context.subject}”，下面是我的回答 😊`,
      `好问题！我们来看看 **${context.subject}**。`,
    ]),
    overview(context),
    ...context.random.sample([points, steps, example, table], 2).map((section) => section(context)),
    tip(context),
    context.random.pick([
      '如果还有其他问题，欢迎继续提问！🙌',
      '希望对你有帮助，有需要可以继续深入讨论。',
    ]),
  ],
  sections: SECTIONS,
}
