import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  oidcRealm
} from "../chunks/chunk-LB5PUZTV.js";
import {
  runActionStep
} from "../chunks/chunk-XBXSHYKQ.js";
import "../chunks/chunk-OAXJL5R3.js";

// actions/oidc-realm/main.ts
await runActionStep(oidcRealm, "main");
