import { WEIGHTS_PACKAGE, WEIGHTS_PACKAGE_VERSION } from '../constants';

export interface WeightFile {
  bytes: number;
  sha256: string;
}

/**
 * The only files of the weights package amelia reads, with their size and SHA-256. A file that differs is
 * refused, so a changed package version or a damaged install is found before a single frame is run.
 */
export const WEIGHTS_MANIFEST = {
  package: WEIGHTS_PACKAGE,
  version: WEIGHTS_PACKAGE_VERSION,
  folder: 'models',
  files: {
    'blazepose-detector.json': {
      bytes: 134678,
      sha256: 'f74537713344b8062087945585f1a6e9b2a3827b3c6f49c14e661c007b2c1dfa',
    },
    'blazepose-detector.bin': {
      bytes: 5928856,
      sha256: '8c637d3a05ef6ffd9d70cda55081ad9103bf87b73b6c65d7e8faa54e2cfe327e',
    },
    'blazepose-lite.json': {
      bytes: 144622,
      sha256: 'db4cbdb614e8064e8c7b01e163b5fea77eeb5d5b3ef7014c74d85bab89da1061',
    },
    'blazepose-lite.bin': {
      bytes: 2726402,
      sha256: '168a3dfa28aba0b543377670e1af1fec65fad837d033d45472ad946b480e31a4',
    },
    'blazepose-full.json': {
      bytes: 157328,
      sha256: '543a8415032e47d9a57bbd7a17080cae62221acefbcd9007ad1b95e57f8c86eb',
    },
    'blazepose-full.bin': {
      bytes: 6339202,
      sha256: '5dd67d57f4886a2ddfdad4496217e7ce012fb8d2e8f87d475a8cc0220d89086c',
    },
    'blazepose-heavy.json': {
      bytes: 321484,
      sha256: 'b0aa28f0710b0159851250ba3db184054abce6132825a598c102aa049d336588',
    },
    'blazepose-heavy.bin': {
      bytes: 27502466,
      sha256: 'a83494537a0d4229f7f09597b3cded0b90d04629d60a31f865b4ddea8de0adf8',
    },
    'movenet-multipose.json': {
      bytes: 240464,
      sha256: '3c76e18669efc50148b28d0be97db491dc055cb2be292d248ec129031c5aa5de',
    },
    'movenet-multipose.bin': {
      bytes: 9448838,
      sha256: '19828492d4a69c2e08915916c70f4d22c421c3b59152dfa5601834fc54f54118',
    },
  } satisfies Record<string, WeightFile>,
} as const;

export type WeightFileName = keyof typeof WEIGHTS_MANIFEST.files;

export function isWeightFileName(name: string): name is WeightFileName {
  return Object.hasOwn(WEIGHTS_MANIFEST.files, name);
}
