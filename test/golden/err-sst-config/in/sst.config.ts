/// <reference path="./.sst/platform/config.d.ts" />

export default $config({
  app(input) {
    return {
      name: "portal",
      removal: input?.stage === "production" ? "retain" : "remove",
      home: "aws",
    };
  },
  async run() {
    const api = new sst.aws.Function("Api", {
      handler: "src/api.handler",
      url: true,
    });
    new sst.aws.StaticSite("Web", {
      build: { command: "npm run build", output: "dist" },
      domain: $app.stage === "production" ? "www.example.com" : undefined,
    });
    return { api: api.url };
  },
});
