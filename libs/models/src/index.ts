export * from './model';
export * from './from-sweep';
export * from './read-model';
export * from './predict';
export * from './predict-multinomial';
export * from './model-inputs';
export * from './checksum';
export * from './onnx/to-onnx';
