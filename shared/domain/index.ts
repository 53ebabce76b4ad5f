export * from './ids';
export * from './video';
export * from './job';
export * from './annotation';
export * from './taxonomy';
export * from './user';
export * from './project';
export * from './edit';
