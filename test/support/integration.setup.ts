// Integration tests wait on real servers and workflows.
jest.setTimeout(120_000);
