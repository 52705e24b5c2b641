// Runs an ONNX model with onnxruntime-node in a plain Node process: under Jest its output tensors fail the library's
// own typed-array checks (Jest's sandbox has other Float32Array / BigInt64Array classes). Reads one JSON request on
// stdin: {model: base64 bytes, rows, cols, features: base64 float32 row-major}; writes {output: {dims, data}} JSON.
const ort = require('onnxruntime-node');

async function main() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  const request = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  const modelBytes = Buffer.from(request.model, 'base64');
  const featureBytes = Buffer.from(request.features, 'base64');
  const features = new Float32Array(featureBytes.buffer, featureBytes.byteOffset, featureBytes.byteLength / 4);
  const session = await ort.InferenceSession.create(new Uint8Array(modelBytes));
  const outputs = await session.run({ features: new ort.Tensor('float32', features, [request.rows, request.cols]) });
  const answer = {};
  for (const [name, tensor] of Object.entries(outputs)) {
    // A string tensor (a multinomial model's text labels) stays text.
    const data = tensor.type === 'string' ? Array.from(tensor.data) : Array.from(tensor.data, Number);
    answer[name] = { dims: tensor.dims, data };
  }
  await session.release();
  process.stdout.write(JSON.stringify(answer));
}

main().catch((error) => {
  process.stderr.write(String(error && error.stack ? error.stack : error));
  process.exit(1);
});
