/**
 * WebGPU in Node through Dawn (the `webgpu` npm package: prebuilt dawn.node binaries ship in the
 * package, so this works offline after `npm ci`). Installs the WebGPU globals (GPUBufferUsage, …) and
 * `navigator.gpu` as a browser has them, which is what tfjs-backend-webgpu looks for when imported, and
 * finds an adapter or says why there is none.
 */

export interface NodeWebGpu {
  dawn: string;
  adapter?: { description: string; software: boolean };
  /** Why no adapter was found (when `adapter` is undefined). */
  why?: string;
}

export async function installNodeWebGpu(): Promise<NodeWebGpu> {
  let module: typeof import('webgpu');
  try {
    module = await import('webgpu');
  } catch (error) {
    return { dawn: 'unavailable', why: `the webgpu package could not be loaded (${(error as Error).message}); run npm ci` };
  }
  const { create, globals } = module;
  Object.assign(globalThis, globals);
  const gpu = create([]);
  // Node 20 has no `navigator`; later versions have one without `gpu`.
  const navigator = (globalThis as { navigator?: object }).navigator ?? {};
  Object.defineProperty(navigator, 'gpu', { value: gpu, configurable: true });
  if (!(globalThis as { navigator?: object }).navigator) Object.defineProperty(globalThis, 'navigator', { value: navigator, configurable: true });

  const dawn = (await import('webgpu/package.json', { with: { type: 'json' } })).default.version;
  const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  if (!adapter) {
    return {
      dawn,
      why: 'Dawn found none (on Linux it needs a Vulkan loader, libvulkan1, and a driver: the GPU vendor\'s, or in '
        + 'software Chromium\'s SwiftShader, VK_ICD_FILENAMES=/usr/lib/chromium/vk_swiftshader_icd.json)',
    };
  }
  const info = adapter.info;
  const description = [info.vendor, info.architecture, info.device, info.description].filter(Boolean).join(', ');
  const software = Boolean((info as { isFallbackAdapter?: boolean }).isFallbackAdapter)
    || /llvmpipe|lavapipe|swiftshader|software/i.test(description);
  return { dawn, adapter: { description, software } };
}
