import type { StoredConversation } from '../../src/storage/index.js'

/** A stored conversation of one user message with an image. */
export function conversation(
  id: string,
  extra: Partial<StoredConversation> = {},
): StoredConversation {
  return {
    id,
    title: `Title ${id}`,
    createdAt: 1,
    updatedAt: 2,
    text: 'hello',
    tree: {
      nodes: {
        u1: {
          id: 'u1',
          parentId: null,
          childIds: [],
          activeChildId: null,
          message: {
            id: 'u1',
            role: 'user',
            content: 'hello',
            reasoning: '',
            status: 'done',
            attachments: [
              {
                kind: 'image',
                name: 'dot.png',
                mediaType: 'image/png',
                url: 'data:image/png;base64,AAAA',
                size: 3,
              },
            ],
          },
        },
      },
      rootIds: ['u1'],
      activeRootId: 'u1',
    },
    messageTimes: { u1: 1 },
    ...extra,
  }
}
