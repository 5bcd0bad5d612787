import { createRequire as __createRequire } from 'node:module'; import { fileURLToPath as __fileURLToPath } from 'node:url'; import { dirname as __pathDirname } from 'node:path'; const require = __createRequire(import.meta.url); const __filename = __fileURLToPath(import.meta.url); const __dirname = __pathDirname(__filename);
import {
  FORGE_TIMEOUT_MS,
  ForgeApiError,
  forgeCall
} from "./platform-forge-api-d2af8fab.js";
import {
  httpRequest
} from "./shared-http-client-65d83f5e.js";
import "./shared-backoff-e8835d09.js";
import "./shared-sleep-31158bea.js";
import "./shared-duration-7abedc94.js";
import "./esbuild-runtime.js";

// src/platform/comment-attachments.ts
function forgeCommentAttachments(options) {
  const base = `${options.apiUrl.replace(/\/$/, "")}/repos/${options.repository}/issues/comments`;
  const call = (name, path, init, expect) => forgeCall(name, async () => {
    const response = await httpRequest({
      ...init,
      url: `${base}/${path}`,
      headers: { authorization: `token ${options.token}` },
      timeoutMs: FORGE_TIMEOUT_MS,
      attempts: init.method === "POST" ? 1 : 3
    });
    if (response.status !== expect) {
      throw new ForgeApiError(name, response.status, response.text.slice(0, 200));
    }
    return response.json;
  });
  const view = (data) => {
    const record = data;
    return { id: record.id, name: record.name, url: record.browser_download_url };
  };
  return {
    list: async (commentId) => {
      const data = await call(
        `list the images of comment ${String(commentId)}`,
        `${String(commentId)}/assets`,
        { method: "GET" },
        200
      );
      return Array.isArray(data) ? data.map(view) : [];
    },
    upload: async (commentId, name, png) => {
      const form = new FormData();
      form.append("attachment", new Blob([png], { type: "image/png" }), name);
      const data = await call(
        `attach ${name} to comment ${String(commentId)}`,
        `${String(commentId)}/assets?name=${encodeURIComponent(name)}`,
        { method: "POST", body: form },
        201
      );
      return view(data);
    },
    remove: async (commentId, attachmentId) => {
      await call(
        `remove image ${String(attachmentId)} of comment ${String(commentId)}`,
        `${String(commentId)}/assets/${String(attachmentId)}`,
        { method: "DELETE" },
        204
      );
    }
  };
}
export {
  forgeCommentAttachments
};
