/* Placeholder replaced by the function-reference generator. */
exports.renderHtml = (metadata) => `<!doctype html><html><body><pre>${JSON.stringify(metadata.functions.map((f) => f.id))}</pre></body></html>`;
