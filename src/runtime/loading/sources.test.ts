import { describe, expect, it } from 'vitest';
import { NETWORKS } from '../../model/networks/index.ts';
import { checkBaseUrl, checkpointLabel, provenanceOf, sameProvenance, weightsUrl } from './sources.ts';

describe('weightsUrl', () => {
  it('is the Hugging Face resolve URL of each released checkpoint by default', () => {
    expect(weightsUrl(NETWORKS['inception-v4'].released!.checkpoint!)).toBe(
      'https://huggingface.co/timm/inception_v4.tf_in1k/resolve/main/model.safetensors',
    );
    expect(weightsUrl(NETWORKS['inception-resnet-v2'].released!.checkpoint!)).toBe(
      'https://huggingface.co/timm/inception_resnet_v2.tf_in1k/resolve/main/model.safetensors',
    );
  });

  it('keeps the layout under a mirror, with or without a trailing slash or a path', () => {
    const checkpoint = { repo: 'timm/inception_v4.tf_in1k', file: 'model.safetensors' };
    expect(weightsUrl(checkpoint, 'http://127.0.0.1:8123/')).toBe(
      'http://127.0.0.1:8123/timm/inception_v4.tf_in1k/resolve/main/model.safetensors',
    );
    expect(weightsUrl(checkpoint, 'https://mirror.example/hf')).toBe(
      'https://mirror.example/hf/timm/inception_v4.tf_in1k/resolve/main/model.safetensors',
    );
  });
});

describe('checkBaseUrl', () => {
  it('accepts http(s) URLs, trimming and dropping trailing slashes; empty means Hugging Face', () => {
    expect(checkBaseUrl(' https://mirror.example/hf/ ')).toEqual({ ok: true, baseUrl: 'https://mirror.example/hf' });
    expect(checkBaseUrl('')).toEqual({ ok: true, baseUrl: 'https://huggingface.co' });
  });

  it('names the problem with a bad one', () => {
    expect(checkBaseUrl('mirror.example')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/"mirror\.example" is not a URL/),
    });
    expect(checkBaseUrl('ftp://x.org')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/must start with https:\/\/ or http:\/\//),
    });
    expect(checkBaseUrl('https://x.org/?a=1')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/query or fragment/),
    });
  });

  it('refuses credentials in the URL, and plain http except to this computer', () => {
    expect(checkBaseUrl('https://user:secret@mirror.example/hf')).toMatchObject({
      ok: false,
      message:
        'weights base URL "mirror.example" must not contain a user name or password; use a mirror that needs no sign-in',
    });
    expect(checkBaseUrl('https://token@mirror.example').ok).toBe(false);
    expect(checkBaseUrl('http://mirror.example')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/must use https:\/\/ \(plain http:\/\/ only for this computer/),
    });
    for (const local of ['http://127.0.0.1:8123', 'http://localhost:8000/hf'])
      expect(checkBaseUrl(local).ok).toBe(true);
    // The page's CSP cannot name an IPv6 literal, so such a mirror could not be reached.
    expect(checkBaseUrl('http://[::1]:9000').ok).toBe(false);
  });

  it('names the provenance of a base URL', () => {
    expect(provenanceOf('https://huggingface.co/')).toEqual({ kind: 'official' });
    expect(provenanceOf('http://127.0.0.1:8123')).toEqual({ kind: 'mirror', baseUrl: 'http://127.0.0.1:8123' });
    expect(sameProvenance(provenanceOf('https://m.example'), provenanceOf('https://m.example/'))).toBe(true);
    expect(sameProvenance(provenanceOf('https://m.example'), { kind: 'official' })).toBe(false);
  });
});

describe('checkpointLabel', () => {
  it('names file and repository', () => {
    expect(checkpointLabel({ repo: 'timm/inception_v4.tf_in1k', file: 'model.safetensors' })).toBe(
      'model.safetensors of timm/inception_v4.tf_in1k',
    );
  });
});
