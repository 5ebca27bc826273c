/**
 * The backends' reasons and notices in Chinese (runtime/failure-words-backend.ts has the codes and the
 * English). A GPU's adapter or renderer and a library's own message are quoted as they came.
 */
import type { BackendMissing, FailureWords, SoftwareGpu } from '../../../../runtime/failure-words.ts';

type BackendCode = keyof FailureWords & `backend.${string}`;

const MISSING: Readonly<Record<BackendMissing, string>> = {
  'no-webgpu': '此浏览器没有 WebGPU（缺少 navigator.gpu）',
  'no-adapter': '没有 WebGPU 适配器（WebGPU 已停用，或 GPU 在黑名单中）',
  'no-canvas': '没有可以创建 WebGL 上下文的画布',
  'no-webgl': 'WebGL 不可用（已停用，或 GPU 在黑名单中）',
  'no-wasm': '此浏览器没有 WebAssembly',
  'no-wasm-node': '这个 Node.js 没有 WebAssembly',
  'not-in-node': '在 Node.js 中不可用',
  excluded: '出错后已排除',
};

const SOFTWARE: Readonly<Record<SoftwareGpu, string>> = {
  'fallback-adapter': '软件回退适配器',
  adapter: '软件适配器',
  renderer: '软件渲染器',
};

export const backendFailuresZh: Pick<FailureWords, BackendCode> = {
  'backend.unavailable': ({ why }) => MISSING[why],
  'backend.adapter-request-failed': ({ detail }) => `请求 WebGPU 适配器失败：${detail}`,
  'backend.no-dawn-adapter': ({ settings }) =>
    `Dawn 没有找到 WebGPU 适配器（在 Linux 上它需要 Vulkan 加载器 libvulkan.so.1 和一个驱动：GPU 厂商的驱动，` +
    `或软件实现 Chromium 的 SwiftShader：${settings}）`,
  'backend.no-webgpu-package': ({ detail }) => `无法加载 webgpu 软件包（${detail}）；请运行 npm ci`,
  'backend.software': ({ kind, name, slow }) =>
    `${SOFTWARE[kind]}${name ? `（${name}）` : ''}` +
    (slow ? '；比 WebAssembly 慢约 100 倍（如仍要使用，请明确选择它）' : ''),
  'backend.init-failed': ({ detail }) => `初始化失败${detail === undefined ? '' : `：${detail}`}`,
  'backend.self-test-failed': ({ detail }) => `自检失败：${detail}`,
  'backend.device-lost': ({ detail }) => `WebGPU 设备丢失了${detail ? `：${detail}` : ''}`,
  'backend.device-error': ({ detail }) => `WebGPU 设备报告了一个错误${detail ? `：${detail}` : ''}`,
  'backend.context-lost': () => 'WebGL 上下文丢失了',
  'backend.moved': ({ backend, cause, now, failed }, word) =>
    `${backend} 停止了工作（${word(cause)}）；网络现在在 ${now} 上运行。` +
    failed.map((f) => `${f.network} 无法重建（${word(f.cause)}）；请重新加载它。`).join(''),
  'backend.none-started': ({ backend, cause, error }, word) =>
    `${backend} 停止了工作（${word(cause)}），且没有其他后端能够启动：${word(error)}`,
};
