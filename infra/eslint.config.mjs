import baseConfig from '../eslint.config.mjs';

export default [...baseConfig, { ignores: ['cdktf.out/**', '.gen/**'] }];
