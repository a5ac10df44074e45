import { afterEach, describe, expect, it } from 'vitest';
import { isSoftwareRenderer, markSoftwareRendering } from './capabilities';

describe('software WebGL', () => {
  afterEach(() => delete document.documentElement.dataset.gl);

  it('recognisesRenderersThatDrawOnTheCpu', () => {
    for (const name of [
      'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)',
      'Google SwiftShader',
      'llvmpipe (LLVM 15.0.6, 256 bits)',
      'Mesa softpipe',
      'ANGLE (Microsoft, Microsoft Basic Render Driver Direct3D11 vs_5_0 ps_5_0)',
    ]) {
      expect(isSoftwareRenderer(name), name).toBe(true);
    }
    for (const name of ['ANGLE (NVIDIA, NVIDIA GeForce RTX 3060 Direct3D11 vs_5_0 ps_5_0, D3D11)', 'Apple M2', 'Mali-G78', 'Adreno (TM) 650']) {
      expect(isSoftwareRenderer(name), name).toBe(false);
    }
  });

  it('marksThePageSoThePanelsOverTheRoomDropTheirBackdropBlur', () => {
    markSoftwareRendering({ available: true, software: true, renderer: 'Google SwiftShader' });
    expect(document.documentElement.dataset.gl).toBe('software');
    markSoftwareRendering({ available: true, software: false, renderer: 'Apple M2' });
    expect(document.documentElement.dataset.gl).toBeUndefined();
  });
});
