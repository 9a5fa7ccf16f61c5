import { mount } from '@vue/test-utils'
import type { VueWrapper } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { nextTick, ref } from 'vue'
import { defaultSettings } from '../settings/demo-settings.js'
import type { DemoSettings } from '../settings/demo-settings.js'
import SettingsPanel from './SettingsPanel.vue'

function labelled(wrapper: VueWrapper, text: string): HTMLElement {
  const label = wrapper.findAll('label').find((candidate) => candidate.text() === text)
  if (label === undefined) throw new Error(`no label "${text}"`)
  const element = label.element as HTMLLabelElement
  const control = element.htmlFor
    ? (wrapper.element as HTMLElement).querySelector<HTMLElement>(`#${element.htmlFor}`)
    : element.querySelector<HTMLElement>('input, select, textarea')
  if (control === null) throw new Error(`label "${text}" names no control`)
  return control
}

describe('SettingsPanel', () => {
  it('labels every control and writes changes back to the settings', async () => {
    const settings = ref<DemoSettings>(defaultSettings())
    const wrapper = mount(SettingsPanel, {
      props: {
        modelValue: settings.value,
        relay: {
          upstream: 'mock',
          defaultModel: 'mock-chat',
          models: ['mock-chat', 'mock-reasoner'],
        },
        relayError: undefined,
      },
    })
    const model = labelled(wrapper, 'Model') as HTMLSelectElement
    expect([...model.options].map((option) => option.text)).toEqual([
      'Server default (mock-chat)',
      'mock-chat',
      'mock-reasoner',
    ])
    for (const name of [
      'System prompt',
      'Typewriter speed',
      'Typewriter off',
      'Continue cut-off replies',
      'Language',
      'Theme',
    ]) {
      expect(labelled(wrapper, name)).toBeTruthy()
    }

    model.value = 'mock-reasoner'
    model.dispatchEvent(new Event('change'))
    const off = labelled(wrapper, 'Typewriter off') as HTMLInputElement
    off.checked = true
    off.dispatchEvent(new Event('change'))
    await nextTick()
    expect(settings.value.model).toBe('mock-reasoner')
    expect(settings.value.typewriterOff).toBe(true)
    expect((labelled(wrapper, 'Typewriter speed') as HTMLInputElement).disabled).toBe(true)
  })
})
