// Runs an ONNX model with onnxruntime-node in a plain Node process: under Jest its output tensors fail the library's
// own typed-array checks (Jest's sandbox has other Float32Array / BigInt64Array classes). Reads one JSON request on
// stdin: {model: base64 bytes, rows, cols, features: base64 float64 row-major}, given to the model in its input's
// type (an exported model's is double); writes {output: {dims, data}} JSON.
const ort = require('onnxruntime-node');

async function main() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  const request = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  const modelBytes = Buffer.from(request.model, 'base64');
  const featureBytes = Buffer.from(request.features, 'base64');
  const bytes = new Uint8Array(featureBytes).buffer; // aligned for either view
  const values = new Float64Array(bytes);
  const session = await ort.InferenceSession.create(new Uint8Array(modelBytes));
  const type = session.inputMetadata[0].type;
  const features = type === 'float64' ? Float64Array.from(values) : Float32Array.from(values);
  const outputs = await session.run({ features: new ort.Tensor(type, features, [request.rows, request.cols]) });
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
