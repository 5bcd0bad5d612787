import { createRequire as __createRequire } from 'node:module'; import { fileURLToPath as __fileURLToPath } from 'node:url'; import { dirname as __pathDirname } from 'node:path'; const require = __createRequire(import.meta.url); const __filename = __fileURLToPath(import.meta.url); const __dirname = __pathDirname(__filename);
import {
  ReviewApiError
} from "./platform-review-api-66769f65.js";
import "./esbuild-runtime.js";

// src/platform/comment-attachments.ts
function forgeCommentAttachments(options) {
  const base = `${options.apiUrl.replace(/\/$/, "")}/repos/${options.repository}/issues/comments`;
  const call = async (name, path, init, expect) => {
    let response;
    try {
      response = await fetch(`${base}/${path}`, {
        ...init,
        headers: { authorization: `token ${options.token}`, accept: "application/json" },
        signal: AbortSignal.timeout(3e4)
      });
    } catch (error) {
      throw new ReviewApiError(name, 0, error.message);
    }
    const text = await response.text();
    if (response.status !== expect) {
      throw new ReviewApiError(name, response.status, text.slice(0, 200));
    }
    return text === "" ? void 0 : JSON.parse(text);
  };
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
