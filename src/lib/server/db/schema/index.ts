export * from './auth';
export * from './listings';
export * from './parties';
export * from './review';
export * from './realtime';
export * from './io';
