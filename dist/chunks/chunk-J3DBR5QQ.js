import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  notImplemented
} from "./chunk-OAXJL5R3.js";

// src/actions/readiness.ts
var readiness = {
  name: "readiness",
  main({ inputs }) {
    inputs.required(
      "hosts",
      "give one or more [user@]host[:port], separated by newlines or commas"
    );
    inputs.integer("port", { min: 1, max: 65535 });
    inputs.secret("private-key");
    inputs.duration("timeout", { min: 1e3 });
    inputs.duration("connect-timeout", { min: 100 });
    inputs.duration("interval", { min: 10 });
    inputs.choice("cloud-init", ["wait", "require", "skip"]);
    inputs.yaml("http");
    inputs.duration("job-timeout", { min: 1e3 });
    return Promise.reject(notImplemented("readiness"));
  }
};

export {
  readiness
};
