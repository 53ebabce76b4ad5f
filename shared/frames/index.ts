export * from './frameTimes';
