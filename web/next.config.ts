import type { NextConfig } from 'next';

const config: NextConfig = {
  // Plain files for S3 + CloudFront: no server, so ids travel in the query string.
  output: 'export',
  // Each page becomes <route>/index.html, which any static host serves without rewrites.
  trailingSlash: true,
  images: { unoptimized: true },
  poweredByHeader: false,
  reactStrictMode: true,
};

export default config;
