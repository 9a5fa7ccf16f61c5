import { createApp } from 'vue'
import '@typewriter-chat/vue/style.css'
import './styles/app.css'
import App from './App.vue'

createApp(App).mount('#app')
