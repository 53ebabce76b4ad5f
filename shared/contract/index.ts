export * from './envelope';
export * from './api';
export * from './events';
export * from './transport';
