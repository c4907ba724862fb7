// Generated from the gateway's merged OpenAPI document by `npm run api:generate`.
// Do not edit: change the services' route schemas and generate again.
export interface paths {
    "/auth/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Confirm an account with the emailed code */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description The code Cognito sent to the email address */
                        code: string;
                        /**
                         * Format: email
                         * @description Email address; matched without regard to case or surrounding spaces
                         * @example ada@example.com
                         */
                        email: string;
                    };
                };
            };
            responses: {
                /** @description No content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description The request is malformed or fails validation; `errors` names each field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description Explanation specific to this occurrence */
                            detail?: string;
                            errors: {
                                /** @description Dotted path of the property, e.g. notificationPreferences.sms */
                                field: string;
                                in: "body" | "querystring" | "params" | "headers";
                                message: string;
                            }[];
                            /** @description The request path */
                            instance?: string;
                            status: number;
                            /** @description Short summary of the problem type */
                            title: string;
                            /**
                             * @description URI identifying the problem type
                             * @example about:blank
                             */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description The body exceeds the size limit */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description Explanation specific to this occurrence */
                            detail?: string;
                            /** @description The request path */
                            instance?: string;
                            status: number;
                            /** @description Short summary of the problem type */
                            title: string;
                            /**
                             * @description URI identifying the problem type
                             * @example about:blank
                             */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description The body is not JSON */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description Explanation specific to this occurrence */
                            detail?: string;
                            /** @description The request path */
                            instance?: string;
                            status: number;
                            /** @description Short summary of the problem type */
                            title: string;
                            /**
                             * @description URI identifying the problem type
                             * @example about:blank
                             */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Too many requests; see Retry-After */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description Explanation specific to this occurrence */
                            detail?: string;
                            /** @description The request path */
                            instance?: string;
                            status: number;
                            /** @description Short summary of the problem type */
                            title: string;
                            /**
                             * @description URI identifying the problem type
                             * @example about:blank
                             */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Unexpected server error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description Explanation specific to this occurrence */
                            detail?: string;
                            /** @description The request path */
                            instance?: string;
                            status: number;
                            /** @description Short summary of the problem type */
                            title: string;
                            /**
                             * @description URI identifying the problem type
                             * @example about:blank
                             */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An upstream service failed */
                502: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description Explanation specific to this occurrence */
                            detail?: string;
                            /** @description The request path */
                            instance?: string;
                            status: number;
                            /** @description Short summary of the problem type */
                            title: string;
                            /**
                             * @description URI identifying the problem type
                             * @example about:blank
                             */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Log in with email and password
         * @description An unknown address and a wrong password get the same 401; an unconfirmed account gets 403.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * Format: email
                         * @description Email address; matched without regard to case or surrounding spaces
                         * @example ada@example.com
                         */
                        email: string;
                        password: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Send as Authorization: Bearer <accessToken> */
                            accessToken: string;
                            /** @description Seconds until the access token expires */
                            expiresIn: number;
                            idToken: string;
                            /** @description For POST /auth/refresh and POST /auth/logout */
                            refreshToken: string;
                            /** @enum {string} */
                            tokenType: "Bearer";
                        };
                    };
                };
                /** @description The request is malformed or fails validation; `errors` names each field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description Explanation specific to this occurrence */
                            detail?: string;
                            errors: {
                                /** @description Dotted path of the property, e.g. notificationPreferences.sms */
                                field: string;
                                in: "body" | "querystring" | "params" | "headers";
                                message: string;
                            }[];
                            /** @description The request path */
                            instance?: string;
                            status: number;
                            /** @description Short summary of the problem type */
                            title: string;
                            /**
                             * @description URI identifying the problem type
                             * @example about:blank
                             */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Missing or invalid access token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description Explanation specific to this occurrence */
                            detail?: string;
                            /** @description The request path */
                            instance?: string;
                            status: number;
                            /** @description Short summary of the problem type */
                            title: string;
                            /**
                             * @description URI identifying the problem type
                             * @example about:blank
                             */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Not allowed */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description Explanation specific to this occurrence */
                            detail?: string;
                            /** @description The request path */
                            instance?: string;
                            status: number;
                            /** @description Short summary of the problem type */
                            title: string;
                            /**
                             * @description URI identifying the problem type
                             * @example about:blank
                             */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description The body exceeds the size limit */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description Explanation specific to this occurrence */
                            detail?: string;
                            /** @description The request path */
                            instance?: string;
                            status: number;
                            /** @description Short summary of the problem type */
                            title: string;
                            /**
                             * @description URI identifying the problem type
                             * @example about:blank
                             */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description The body is not JSON */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description Explanation specific to this occurrence */
                            detail?: string;
                            /** @description The request path */
                            instance?: string;
                            status: number;
                            /** @description Short summary of the problem type */
                            title: string;
                            /**
                             * @description URI identifying the problem type
                             * @example about:blank
                             */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Too many requests; see Retry-After */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description Explanation specific to this occurrence */
                            detail?: string;
                            /** @description The request path */
                            instance?: string;
                            status: number;
                            /** @description Short summary of the problem type */
                            title: string;
                            /**
                             * @description URI identifying the problem type
                             * @example about:blank
                             */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Unexpected server error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description Explanation specific to this occurrence */
                            detail?: string;
                            /** @description The request path */
                            instance?: string;
                            status: number;
                            /** @description Short summary of the problem type */
                            title: string;
                            /**
                             * @description URI identifying the problem type
                             * @example about:blank
                             */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An upstream service failed */
                502: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description Explanation specific to this occurrence */
                            detail?: string;
                            /** @description The request path */
                            instance?: string;
                            status: number;
                            /** @description Short summary of the problem type */
                            title: string;
                            /**
                             * @description URI identifying the problem type
                             * @example about:blank
                             */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Temporarily unavailable; see Retry-After */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description Explanation specific to this occurrence */
                            detail?: string;
                            /** @description The request path */
                            instance?: string;
                            status: number;
                            /** @description Short summary of the problem type */
                            title: string;
                            /**
                             * @description URI identifying the problem type
                             * @example about:blank
                             */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Revoke a refresh token
         * @description Afterwards the refresh token no longer works. Access tokens already issued stay valid until they expire (minutes).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        refreshToken: string;
                    };
                };
            };
            responses: {
                /** @description No content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description The request is malformed or fails validation; `errors` names each field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description Explanation specific to this occurrence */
                            detail?: string;
                            errors: {
                                /** @description Dotted path of the property, e.g. notificationPreferences.sms */
                                field: string;
                                in: "body" | "querystring" | "params" | "headers";
                                message: string;
                            }[];
                            /** @description The request path */
                            instance?: string;
                            status: number;
                            /** @description Short summary of the problem type */
                            title: string;
                            /**
                             * @description URI identifying the problem type
                             * @example about:blank
                             */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description The body exceeds the size limit */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description Explanation specific to this occurrence */
                            detail?: string;
                            /** @description The request path */
                            instance?: string;
                            status: number;
                            /** @description Short summary of the problem type */
                            title: string;
                            /**
                             * @description URI identifying the problem type
                             * @example about:blank
                             */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description The body is not JSON */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description Explanation specific to this occurrence */
                            detail?: string;
                            /** @description The request path */
                            instance?: string;
                            status: number;
                            /** @description Short summary of the problem type */
                            title: string;
                            /**
                             * @description URI identifying the problem type
                             * @example about:blank
                             */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Too many requests; see Retry-After */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description Explanation specific to this occurrence */
                            detail?: string;
                            /** @description The request path */
                            instance?: string;
                            status: number;
                            /** @description Short summary of the problem type */
                            title: string;
                            /**
                             * @description URI identifying the problem type
                             * @example about:blank
                             */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Unexpected server error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description Explanation specific to this occurrence */
                            detail?: string;
                            /** @description The request path */
                            instance?: string;
                            status: number;
                            /** @description Short summary of the problem type */
                            title: string;
                            /**
                             * @description URI identifying the problem type
                             * @example about:blank
                             */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An upstream service failed */
                502: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description Explanation specific to this occurrence */
                            detail?: string;
                            /** @description The request path */
                            instance?: string;
                            status: number;
                            /** @description Short summary of the problem type */
                            title: string;
                            /**
                             * @description URI identifying the problem type
                             * @example about:blank
                             */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/refresh": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Exchange a refresh token for new access and ID tokens */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        refreshToken: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Send as Authorization: Bearer <accessToken> */
                            accessToken: string;
                            /** @description Seconds until the access token expires */
                            expiresIn: number;
                            idToken: string;
                            /** @description For POST /auth/refresh and POST /auth/logout */
                            refreshToken: string;
                            /** @enum {string} */
                            tokenType: "Bearer";
                        };
                    };
                };
                /** @description The request is malformed or fails validation; `errors` names each field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description Explanation specific to this occurrence */
                            detail?: string;
                            errors: {
                                /** @description Dotted path of the property, e.g. notificationPreferences.sms */
                                field: string;
                                in: "body" | "querystring" | "params" | "headers";
                                message: string;
                            }[];
                            /** @description The request path */
                            instance?: string;
                            status: number;
                            /** @description Short summary of the problem type */
                            title: string;
                            /**
                             * @description URI identifying the problem type
                             * @example about:blank
                             */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Missing or invalid access token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description Explanation specific to this occurrence */
                            detail?: string;
                            /** @description The request path */
                            instance?: string;
                            status: number;
                            /** @description Short summary of the problem type */
                            title: string;
                            /**
                             * @description URI identifying the problem type
                             * @example about:blank
                             */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description The body exceeds the size limit */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description Explanation specific to this occurrence */
                            detail?: string;
                            /** @description The request path */
                            instance?: string;
                            status: number;
                            /** @description Short summary of the problem type */
                            title: string;
                            /**
                             * @description URI identifying the problem type
                             * @example about:blank
                             */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description The body is not JSON */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description Explanation specific to this occurrence */
                            detail?: string;
                            /** @description The request path */
                            instance?: string;
                            status: number;
                            /** @description Short summary of the problem type */
                            title: string;
                            /**
                             * @description URI identifying the problem type
                             * @example about:blank
                             */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Too many requests; see Retry-After */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description Explanation specific to this occurrence */
                            detail?: string;
                            /** @description The request path */
                            instance?: string;
                            status: number;
                            /** @description Short summary of the problem type */
                            title: string;
                            /**
                             * @description URI identifying the problem type
                             * @example about:blank
                             */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Unexpected server error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description Explanation specific to this occurrence */
                            detail?: string;
                            /** @description The request path */
                            instance?: string;
                            status: number;
                            /** @description Short summary of the problem type */
                            title: string;
                            /**
                             * @description URI identifying the problem type
                             * @example about:blank
                             */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An upstream service failed */
                502: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description Explanation specific to this occurrence */
                            detail?: string;
                            /** @description The request path */
                            instance?: string;
                            status: number;
                            /** @description Short summary of the problem type */
                            title: string;
                            /**
                             * @description URI identifying the problem type
                             * @example about:blank
                             */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Temporarily unavailable; see Retry-After */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description Explanation specific to this occurrence */
                            detail?: string;
                            /** @description The request path */
                            instance?: string;
                            status: number;
                            /** @description Short summary of the problem type */
                            title: string;
                            /**
                             * @description URI identifying the problem type
                             * @example about:blank
                             */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/register": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create an account and its profile
         * @description Answers 201 with tokens when the account is confirmed straight away (auto-confirm), or 202 when the emailed code must be sent to POST /auth/confirm first.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * Format: email
                         * @description Email address; matched without regard to case or surrounding spaces
                         * @example ada@example.com
                         */
                        email: string;
                        firstName: string;
                        lastName: string;
                        /** @description Checked against the password policy; never stored or logged by this service */
                        password: string;
                        /**
                         * @description E.164, e.g. +14155550123
                         * @example +14155550123
                         */
                        phoneNumber?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Send as Authorization: Bearer <accessToken> */
                            accessToken: string;
                            /** @description Seconds until the access token expires */
                            expiresIn: number;
                            idToken: string;
                            /** @description For POST /auth/refresh and POST /auth/logout */
                            refreshToken: string;
                            /** @enum {string} */
                            tokenType: "Bearer";
                        };
                    };
                };
                /** @description The account exists; POST /auth/confirm with the emailed code, then log in */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            confirmationRequired: true;
                            /** @example EMAIL */
                            deliveryMedium?: string;
                            /**
                             * @description Masked address the code went to
                             * @example a***@e***
                             */
                            destination?: string;
                        };
                    };
                };
                /** @description The request is malformed or fails validation; `errors` names each field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description Explanation specific to this occurrence */
                            detail?: string;
                            errors: {
                                /** @description Dotted path of the property, e.g. notificationPreferences.sms */
                                field: string;
                                in: "body" | "querystring" | "params" | "headers";
                                message: string;
                            }[];
                            /** @description The request path */
                            instance?: string;
                            status: number;
                            /** @description Short summary of the problem type */
                            title: string;
                            /**
                             * @description URI identifying the problem type
                             * @example about:blank
                             */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Conflicts with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description Explanation specific to this occurrence */
                            detail?: string;
                            /** @description The request path */
                            instance?: string;
                            status: number;
                            /** @description Short summary of the problem type */
                            title: string;
                            /**
                             * @description URI identifying the problem type
                             * @example about:blank
                             */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description The body exceeds the size limit */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description Explanation specific to this occurrence */
                            detail?: string;
                            /** @description The request path */
                            instance?: string;
                            status: number;
                            /** @description Short summary of the problem type */
                            title: string;
                            /**
                             * @description URI identifying the problem type
                             * @example about:blank
                             */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description The body is not JSON */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description Explanation specific to this occurrence */
                            detail?: string;
                            /** @description The request path */
                            instance?: string;
                            status: number;
                            /** @description Short summary of the problem type */
                            title: string;
                            /**
                             * @description URI identifying the problem type
                             * @example about:blank
                             */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Too many requests; see Retry-After */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description Explanation specific to this occurrence */
                            detail?: string;
                            /** @description The request path */
                            instance?: string;
                            status: number;
                            /** @description Short summary of the problem type */
                            title: string;
                            /**
                             * @description URI identifying the problem type
                             * @example about:blank
                             */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Unexpected server error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description Explanation specific to this occurrence */
                            detail?: string;
                            /** @description The request path */
                            instance?: string;
                            status: number;
                            /** @description Short summary of the problem type */
                            title: string;
                            /**
                             * @description URI identifying the problem type
                             * @example about:blank
                             */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An upstream service failed */
                502: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description Explanation specific to this occurrence */
                            detail?: string;
                            /** @description The request path */
                            instance?: string;
                            status: number;
                            /** @description Short summary of the problem type */
                            title: string;
                            /**
                             * @description URI identifying the problem type
                             * @example about:blank
                             */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Temporarily unavailable; see Retry-After */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description Explanation specific to this occurrence */
                            detail?: string;
                            /** @description The request path */
                            instance?: string;
                            status: number;
                            /** @description Short summary of the problem type */
                            title: string;
                            /**
                             * @description URI identifying the problem type
                             * @example about:blank
                             */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/notifications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List notifications, newest first
         * @description Expired notifications are never returned. Pass nextCursor as cursor (with the same unread filter) for the next page.
         */
        get: {
            parameters: {
                query?: {
                    /** @description nextCursor from the previous page, with the same unread filter */
                    cursor?: string;
                    limit?: number;
                    /** @description true lists unread notifications only */
                    unread?: boolean;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** Format: date-time */
                                createdAt: string;
                                /** Format: date-time */
                                expiresAt: string;
                                kind: "task_due" | "task_completed";
                                message: string;
                                notificationId: string;
                                read: boolean;
                                taskId: string;
                                title: string;
                            }[];
                            /** @description null on the last page */
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description The request is malformed or fails validation; `errors` names each field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description Explanation specific to this occurrence */
                            detail?: string;
                            errors: {
                                /** @description Dotted path of the property, e.g. notificationPreferences.sms */
                                field: string;
                                in: "body" | "querystring" | "params" | "headers";
                                message: string;
                            }[];
                            /** @description The request path */
                            instance?: string;
                            status: number;
                            /** @description Short summary of the problem type */
                            title: string;
                            /**
                             * @description URI identifying the problem type
                             * @example about:blank
                             */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Problem details (RFC 9457) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            status: number;
                            title: string;
                            type: string;
                        };
                    };
                };
                /** @description Unexpected server error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description Explanation specific to this occurrence */
                            detail?: string;
                            /** @description The request path */
                            instance?: string;
                            status: number;
                            /** @description Short summary of the problem type */
                            title: string;
                            /**
                             * @description URI identifying the problem type
                             * @example about:blank
                             */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Problem details (RFC 9457) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            status: number;
                            title: string;
                            type: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/notifications/{notificationId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete one notification */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    notificationId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description No content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description The request is malformed or fails validation; `errors` names each field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description Explanation specific to this occurrence */
                            detail?: string;
                            errors: {
                                /** @description Dotted path of the property, e.g. notificationPreferences.sms */
                                field: string;
                                in: "body" | "querystring" | "params" | "headers";
                                message: string;
                            }[];
                            /** @description The request path */
                            instance?: string;
                            status: number;
                            /** @description Short summary of the problem type */
                            title: string;
                            /**
                             * @description URI identifying the problem type
                             * @example about:blank
                             */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Problem details (RFC 9457) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            status: number;
                            title: string;
                            type: string;
                        };
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description Explanation specific to this occurrence */
                            detail?: string;
                            /** @description The request path */
                            instance?: string;
                            status: number;
                            /** @description Short summary of the problem type */
                            title: string;
                            /**
                             * @description URI identifying the problem type
                             * @example about:blank
                             */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Unexpected server error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description Explanation specific to this occurrence */
                            detail?: string;
                            /** @description The request path */
                            instance?: string;
                            status: number;
                            /** @description Short summary of the problem type */
                            title: string;
                            /**
                             * @description URI identifying the problem type
                             * @example about:blank
                             */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Problem details (RFC 9457) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            status: number;
                            title: string;
                            type: string;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/notifications/{notificationId}/read": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Mark one notification read */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    notificationId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description No content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description The request is malformed or fails validation; `errors` names each field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description Explanation specific to this occurrence */
                            detail?: string;
                            errors: {
                                /** @description Dotted path of the property, e.g. notificationPreferences.sms */
                                field: string;
                                in: "body" | "querystring" | "params" | "headers";
                                message: string;
                            }[];
                            /** @description The request path */
                            instance?: string;
                            status: number;
                            /** @description Short summary of the problem type */
                            title: string;
                            /**
                             * @description URI identifying the problem type
                             * @example about:blank
                             */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Problem details (RFC 9457) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            status: number;
                            title: string;
                            type: string;
                        };
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description Explanation specific to this occurrence */
                            detail?: string;
                            /** @description The request path */
                            instance?: string;
                            status: number;
                            /** @description Short summary of the problem type */
                            title: string;
                            /**
                             * @description URI identifying the problem type
                             * @example about:blank
                             */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Unexpected server error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description Explanation specific to this occurrence */
                            detail?: string;
                            /** @description The request path */
                            instance?: string;
                            status: number;
                            /** @description Short summary of the problem type */
                            title: string;
                            /**
                             * @description URI identifying the problem type
                             * @example about:blank
                             */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Problem details (RFC 9457) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            status: number;
                            title: string;
                            type: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/notifications/read-all": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Mark every notification read */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description No content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Problem details (RFC 9457) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            status: number;
                            title: string;
                            type: string;
                        };
                    };
                };
                /** @description Unexpected server error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description Explanation specific to this occurrence */
                            detail?: string;
                            /** @description The request path */
                            instance?: string;
                            status: number;
                            /** @description Short summary of the problem type */
                            title: string;
                            /**
                             * @description URI identifying the problem type
                             * @example about:blank
                             */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Problem details (RFC 9457) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            status: number;
                            title: string;
                            type: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/notifications/unread-count": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Count unread notifications */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            count: number;
                        };
                    };
                };
                /** @description Problem details (RFC 9457) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            status: number;
                            title: string;
                            type: string;
                        };
                    };
                };
                /** @description Unexpected server error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description Explanation specific to this occurrence */
                            detail?: string;
                            /** @description The request path */
                            instance?: string;
                            status: number;
                            /** @description Short summary of the problem type */
                            title: string;
                            /**
                             * @description URI identifying the problem type
                             * @example about:blank
                             */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Problem details (RFC 9457) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            status: number;
                            title: string;
                            type: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/tasks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List my tasks
         * @description Pages are full until the last one; nextCursor is null on the last page. A cursor only works for the user and the filters and sort it was issued for.
         */
        get: {
            parameters: {
                query?: {
                    /** @description nextCursor of the previous page, with the same filters and sort */
                    cursor?: string;
                    /**
                     * @description RFC 3339 date-time with an offset; tasks due at or after this time
                     * @example 2030-07-01T09:00:00+02:00
                     */
                    dueAfter?: string;
                    /**
                     * @description RFC 3339 date-time with an offset; tasks due strictly before this time
                     * @example 2030-07-01T09:00:00+02:00
                     */
                    dueBefore?: string;
                    limit?: number;
                    /** @description Defaults to asc for dueDate, desc (newest first) otherwise */
                    order?: "asc" | "desc";
                    /** @description createdAt (default) | updatedAt | dueDate (undated tasks sort last) */
                    sort?: "createdAt" | "updatedAt" | "dueDate";
                    /** @description pending | in_progress | completed */
                    status?: "pending" | "in_progress" | "completed";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /**
                                 * Format: date-time
                                 * @description UTC, ISO-8601
                                 */
                                completedAt: string | null;
                                /**
                                 * Format: date-time
                                 * @description UTC, ISO-8601
                                 */
                                createdAt: string;
                                description: string | null;
                                /**
                                 * Format: date-time
                                 * @description UTC, ISO-8601
                                 */
                                dueDate: string | null;
                                /** @description pending | in_progress | completed */
                                status: "pending" | "in_progress" | "completed";
                                taskId: string;
                                title: string;
                                /**
                                 * Format: date-time
                                 * @description UTC, ISO-8601
                                 */
                                updatedAt: string;
                                /** @description Also sent as the ETag */
                                version: number;
                            }[];
                            /** @description Opaque; null on the last page */
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description The request is malformed or fails validation; `errors` names each field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description Explanation specific to this occurrence */
                            detail?: string;
                            errors: {
                                /** @description Dotted path of the property, e.g. notificationPreferences.sms */
                                field: string;
                                in: "body" | "querystring" | "params" | "headers";
                                message: string;
                            }[];
                            /** @description The request path */
                            instance?: string;
                            status: number;
                            /** @description Short summary of the problem type */
                            title: string;
                            /**
                             * @description URI identifying the problem type
                             * @example about:blank
                             */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Missing or invalid access token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description Explanation specific to this occurrence */
                            detail?: string;
                            /** @description The request path */
                            instance?: string;
                            status: number;
                            /** @description Short summary of the problem type */
                            title: string;
                            /**
                             * @description URI identifying the problem type
                             * @example about:blank
                             */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Unexpected server error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description Explanation specific to this occurrence */
                            detail?: string;
                            /** @description The request path */
                            instance?: string;
                            status: number;
                            /** @description Short summary of the problem type */
                            title: string;
                            /**
                             * @description URI identifying the problem type
                             * @example about:blank
                             */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Temporarily unavailable; see Retry-After */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description Explanation specific to this occurrence */
                            detail?: string;
                            /** @description The request path */
                            instance?: string;
                            status: number;
                            /** @description Short summary of the problem type */
                            title: string;
                            /**
                             * @description URI identifying the problem type
                             * @example about:blank
                             */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        /**
         * Create a task
         * @description Answers 201 with the task, its ETag and Location. With an Idempotency-Key, a retry of the same request within 24 h answers with the original task (and Idempotent-Replayed: true) instead of creating another.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description 1-255 printable ASCII characters. The same key and body within 24 h returns the original task; the same key with another body is a 422. */
                    "idempotency-key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description null or "" clears it */
                        description?: string | null;
                        /**
                         * Format: date-time
                         * @description RFC 3339 date-time with an offset; stored as UTC
                         * @example 2030-07-01T09:00:00+02:00
                         */
                        dueDate?: string | null;
                        /** @description pending | in_progress | completed */
                        status?: "pending" | "in_progress" | "completed";
                        /** @description 1-200 characters after trimming */
                        title: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /**
                             * Format: date-time
                             * @description UTC, ISO-8601
                             */
                            completedAt: string | null;
                            /**
                             * Format: date-time
                             * @description UTC, ISO-8601
                             */
                            createdAt: string;
                            description: string | null;
                            /**
                             * Format: date-time
                             * @description UTC, ISO-8601
                             */
                            dueDate: string | null;
                            /** @description pending | in_progress | completed */
                            status: "pending" | "in_progress" | "completed";
                            taskId: string;
                            title: string;
                            /**
                             * Format: date-time
                             * @description UTC, ISO-8601
                             */
                            updatedAt: string;
                            /** @description Also sent as the ETag */
                            version: number;
                        };
                    };
                };
                /** @description The request is malformed or fails validation; `errors` names each field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description Explanation specific to this occurrence */
                            detail?: string;
                            errors: {
                                /** @description Dotted path of the property, e.g. notificationPreferences.sms */
                                field: string;
                                in: "body" | "querystring" | "params" | "headers";
                                message: string;
                            }[];
                            /** @description The request path */
                            instance?: string;
                            status: number;
                            /** @description Short summary of the problem type */
                            title: string;
                            /**
                             * @description URI identifying the problem type
                             * @example about:blank
                             */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Missing or invalid access token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description Explanation specific to this occurrence */
                            detail?: string;
                            /** @description The request path */
                            instance?: string;
                            status: number;
                            /** @description Short summary of the problem type */
                            title: string;
                            /**
                             * @description URI identifying the problem type
                             * @example about:blank
                             */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Conflicts with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description Explanation specific to this occurrence */
                            detail?: string;
                            /** @description The request path */
                            instance?: string;
                            status: number;
                            /** @description Short summary of the problem type */
                            title: string;
                            /**
                             * @description URI identifying the problem type
                             * @example about:blank
                             */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description The request cannot be processed */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description Explanation specific to this occurrence */
                            detail?: string;
                            /** @description The request path */
                            instance?: string;
                            status: number;
                            /** @description Short summary of the problem type */
                            title: string;
                            /**
                             * @description URI identifying the problem type
                             * @example about:blank
                             */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Unexpected server error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description Explanation specific to this occurrence */
                            detail?: string;
                            /** @description The request path */
                            instance?: string;
                            status: number;
                            /** @description Short summary of the problem type */
                            title: string;
                            /**
                             * @description URI identifying the problem type
                             * @example about:blank
                             */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Temporarily unavailable; see Retry-After */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description Explanation specific to this occurrence */
                            detail?: string;
                            /** @description The request path */
                            instance?: string;
                            status: number;
                            /** @description Short summary of the problem type */
                            title: string;
                            /**
                             * @description URI identifying the problem type
                             * @example about:blank
                             */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/tasks/{taskId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a task */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The task id (a ULID) */
                    taskId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /**
                             * Format: date-time
                             * @description UTC, ISO-8601
                             */
                            completedAt: string | null;
                            /**
                             * Format: date-time
                             * @description UTC, ISO-8601
                             */
                            createdAt: string;
                            description: string | null;
                            /**
                             * Format: date-time
                             * @description UTC, ISO-8601
                             */
                            dueDate: string | null;
                            /** @description pending | in_progress | completed */
                            status: "pending" | "in_progress" | "completed";
                            taskId: string;
                            title: string;
                            /**
                             * Format: date-time
                             * @description UTC, ISO-8601
                             */
                            updatedAt: string;
                            /** @description Also sent as the ETag */
                            version: number;
                        };
                    };
                };
                /** @description The request is malformed or fails validation; `errors` names each field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description Explanation specific to this occurrence */
                            detail?: string;
                            errors: {
                                /** @description Dotted path of the property, e.g. notificationPreferences.sms */
                                field: string;
                                in: "body" | "querystring" | "params" | "headers";
                                message: string;
                            }[];
                            /** @description The request path */
                            instance?: string;
                            status: number;
                            /** @description Short summary of the problem type */
                            title: string;
                            /**
                             * @description URI identifying the problem type
                             * @example about:blank
                             */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Missing or invalid access token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description Explanation specific to this occurrence */
                            detail?: string;
                            /** @description The request path */
                            instance?: string;
                            status: number;
                            /** @description Short summary of the problem type */
                            title: string;
                            /**
                             * @description URI identifying the problem type
                             * @example about:blank
                             */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description Explanation specific to this occurrence */
                            detail?: string;
                            /** @description The request path */
                            instance?: string;
                            status: number;
                            /** @description Short summary of the problem type */
                            title: string;
                            /**
                             * @description URI identifying the problem type
                             * @example about:blank
                             */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Unexpected server error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description Explanation specific to this occurrence */
                            detail?: string;
                            /** @description The request path */
                            instance?: string;
                            status: number;
                            /** @description Short summary of the problem type */
                            title: string;
                            /**
                             * @description URI identifying the problem type
                             * @example about:blank
                             */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Temporarily unavailable; see Retry-After */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description Explanation specific to this occurrence */
                            detail?: string;
                            /** @description The request path */
                            instance?: string;
                            status: number;
                            /** @description Short summary of the problem type */
                            title: string;
                            /**
                             * @description URI identifying the problem type
                             * @example about:blank
                             */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /**
         * Delete a task
         * @description With If-Match, deletes only that version (412 when stale). A completion event already recorded for the task is still delivered.
         */
        delete: {
            parameters: {
                query?: never;
                header?: {
                    /** @description The ETag of the version the change applies to, e.g. "3"; stale → 412 */
                    "if-match"?: string;
                };
                path: {
                    /** @description The task id (a ULID) */
                    taskId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Deleted */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description The request is malformed or fails validation; `errors` names each field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description Explanation specific to this occurrence */
                            detail?: string;
                            errors: {
                                /** @description Dotted path of the property, e.g. notificationPreferences.sms */
                                field: string;
                                in: "body" | "querystring" | "params" | "headers";
                                message: string;
                            }[];
                            /** @description The request path */
                            instance?: string;
                            status: number;
                            /** @description Short summary of the problem type */
                            title: string;
                            /**
                             * @description URI identifying the problem type
                             * @example about:blank
                             */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Missing or invalid access token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description Explanation specific to this occurrence */
                            detail?: string;
                            /** @description The request path */
                            instance?: string;
                            status: number;
                            /** @description Short summary of the problem type */
                            title: string;
                            /**
                             * @description URI identifying the problem type
                             * @example about:blank
                             */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description Explanation specific to this occurrence */
                            detail?: string;
                            /** @description The request path */
                            instance?: string;
                            status: number;
                            /** @description Short summary of the problem type */
                            title: string;
                            /**
                             * @description URI identifying the problem type
                             * @example about:blank
                             */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Conflicts with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description Explanation specific to this occurrence */
                            detail?: string;
                            /** @description The request path */
                            instance?: string;
                            status: number;
                            /** @description Short summary of the problem type */
                            title: string;
                            /**
                             * @description URI identifying the problem type
                             * @example about:blank
                             */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description The If-Match version is stale */
                412: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description Explanation specific to this occurrence */
                            detail?: string;
                            /** @description The request path */
                            instance?: string;
                            status: number;
                            /** @description Short summary of the problem type */
                            title: string;
                            /**
                             * @description URI identifying the problem type
                             * @example about:blank
                             */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Unexpected server error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description Explanation specific to this occurrence */
                            detail?: string;
                            /** @description The request path */
                            instance?: string;
                            status: number;
                            /** @description Short summary of the problem type */
                            title: string;
                            /**
                             * @description URI identifying the problem type
                             * @example about:blank
                             */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Temporarily unavailable; see Retry-After */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description Explanation specific to this occurrence */
                            detail?: string;
                            /** @description The request path */
                            instance?: string;
                            status: number;
                            /** @description Short summary of the problem type */
                            title: string;
                            /**
                             * @description URI identifying the problem type
                             * @example about:blank
                             */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /**
         * Update a task
         * @description Changes only the fields sent. With If-Match the change applies to that version only (412 when stale); without it, a concurrent change is retried on fresh state, or answers 409.
         */
        patch: {
            parameters: {
                query?: never;
                header?: {
                    /** @description The ETag of the version the change applies to, e.g. "3"; stale → 412 */
                    "if-match"?: string;
                };
                path: {
                    /** @description The task id (a ULID) */
                    taskId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description null or "" clears it */
                        description?: string | null;
                        /**
                         * Format: date-time
                         * @description RFC 3339 date-time with an offset; stored as UTC; null clears it
                         * @example 2030-07-01T09:00:00+02:00
                         */
                        dueDate?: string | null;
                        /** @description pending | in_progress | completed */
                        status?: "pending" | "in_progress" | "completed";
                        /** @description 1-200 characters after trimming */
                        title?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /**
                             * Format: date-time
                             * @description UTC, ISO-8601
                             */
                            completedAt: string | null;
                            /**
                             * Format: date-time
                             * @description UTC, ISO-8601
                             */
                            createdAt: string;
                            description: string | null;
                            /**
                             * Format: date-time
                             * @description UTC, ISO-8601
                             */
                            dueDate: string | null;
                            /** @description pending | in_progress | completed */
                            status: "pending" | "in_progress" | "completed";
                            taskId: string;
                            title: string;
                            /**
                             * Format: date-time
                             * @description UTC, ISO-8601
                             */
                            updatedAt: string;
                            /** @description Also sent as the ETag */
                            version: number;
                        };
                    };
                };
                /** @description The request is malformed or fails validation; `errors` names each field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description Explanation specific to this occurrence */
                            detail?: string;
                            errors: {
                                /** @description Dotted path of the property, e.g. notificationPreferences.sms */
                                field: string;
                                in: "body" | "querystring" | "params" | "headers";
                                message: string;
                            }[];
                            /** @description The request path */
                            instance?: string;
                            status: number;
                            /** @description Short summary of the problem type */
                            title: string;
                            /**
                             * @description URI identifying the problem type
                             * @example about:blank
                             */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Missing or invalid access token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description Explanation specific to this occurrence */
                            detail?: string;
                            /** @description The request path */
                            instance?: string;
                            status: number;
                            /** @description Short summary of the problem type */
                            title: string;
                            /**
                             * @description URI identifying the problem type
                             * @example about:blank
                             */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description Explanation specific to this occurrence */
                            detail?: string;
                            /** @description The request path */
                            instance?: string;
                            status: number;
                            /** @description Short summary of the problem type */
                            title: string;
                            /**
                             * @description URI identifying the problem type
                             * @example about:blank
                             */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Conflicts with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description Explanation specific to this occurrence */
                            detail?: string;
                            /** @description The request path */
                            instance?: string;
                            status: number;
                            /** @description Short summary of the problem type */
                            title: string;
                            /**
                             * @description URI identifying the problem type
                             * @example about:blank
                             */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description The If-Match version is stale */
                412: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description Explanation specific to this occurrence */
                            detail?: string;
                            /** @description The request path */
                            instance?: string;
                            status: number;
                            /** @description Short summary of the problem type */
                            title: string;
                            /**
                             * @description URI identifying the problem type
                             * @example about:blank
                             */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Unexpected server error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description Explanation specific to this occurrence */
                            detail?: string;
                            /** @description The request path */
                            instance?: string;
                            status: number;
                            /** @description Short summary of the problem type */
                            title: string;
                            /**
                             * @description URI identifying the problem type
                             * @example about:blank
                             */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Temporarily unavailable; see Retry-After */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description Explanation specific to this occurrence */
                            detail?: string;
                            /** @description The request path */
                            instance?: string;
                            status: number;
                            /** @description Short summary of the problem type */
                            title: string;
                            /**
                             * @description URI identifying the problem type
                             * @example about:blank
                             */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/users/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The signed-in user’s profile and notification preferences */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            createdAt: string;
                            email: string;
                            firstName: string;
                            /** Format: date-time */
                            lastLogin: string | null;
                            lastName: string;
                            notificationPreferences: {
                                /** @description Task reminders and completions by email */
                                email: boolean;
                                /** @description By SMS; needs a phone number */
                                sms: boolean;
                            };
                            phoneNumber: string | null;
                            /** Format: date-time */
                            updatedAt: string;
                            /** @description The Cognito sub */
                            userId: string;
                            /** @description Also sent as the ETag */
                            version: number;
                        };
                    };
                };
                /** @description Problem details (RFC 9457) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            status: number;
                            title: string;
                            type: string;
                        };
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description Explanation specific to this occurrence */
                            detail?: string;
                            /** @description The request path */
                            instance?: string;
                            status: number;
                            /** @description Short summary of the problem type */
                            title: string;
                            /**
                             * @description URI identifying the problem type
                             * @example about:blank
                             */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Unexpected server error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description Explanation specific to this occurrence */
                            detail?: string;
                            /** @description The request path */
                            instance?: string;
                            status: number;
                            /** @description Short summary of the problem type */
                            title: string;
                            /**
                             * @description URI identifying the problem type
                             * @example about:blank
                             */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Problem details (RFC 9457) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            status: number;
                            title: string;
                            type: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /**
         * Delete the account and all its data
         * @description Deletes the tasks, notifications, profile and email reservation, then the Cognito account. If it fails part-way, sending it again finishes the job.
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description No content */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Problem details (RFC 9457) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            status: number;
                            title: string;
                            type: string;
                        };
                    };
                };
                /** @description Too many requests; see Retry-After */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description Explanation specific to this occurrence */
                            detail?: string;
                            /** @description The request path */
                            instance?: string;
                            status: number;
                            /** @description Short summary of the problem type */
                            title: string;
                            /**
                             * @description URI identifying the problem type
                             * @example about:blank
                             */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Unexpected server error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description Explanation specific to this occurrence */
                            detail?: string;
                            /** @description The request path */
                            instance?: string;
                            status: number;
                            /** @description Short summary of the problem type */
                            title: string;
                            /**
                             * @description URI identifying the problem type
                             * @example about:blank
                             */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description An upstream service failed */
                502: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description Explanation specific to this occurrence */
                            detail?: string;
                            /** @description The request path */
                            instance?: string;
                            status: number;
                            /** @description Short summary of the problem type */
                            title: string;
                            /**
                             * @description URI identifying the problem type
                             * @example about:blank
                             */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Problem details (RFC 9457) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            status: number;
                            title: string;
                            type: string;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /**
         * Change names, phone number or notification preferences
         * @description SMS notifications need a phone number. With If-Match, a profile changed since that version answers 412.
         */
        patch: {
            parameters: {
                query?: never;
                header?: {
                    /** @description The ETag from GET /users/me; a stale one answers 412 */
                    "if-match"?: string;
                };
                path?: never;
                cookie?: never;
            };
            /** @description Only the fields given change; in notificationPreferences, only the channels given */
            requestBody: {
                content: {
                    "application/json": {
                        firstName?: string;
                        lastName?: string;
                        notificationPreferences?: {
                            email?: boolean;
                            /** @description true needs a phone number */
                            sms?: boolean;
                        };
                        /** @description E.164, e.g. +14155550123; null removes the number */
                        phoneNumber?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            createdAt: string;
                            email: string;
                            firstName: string;
                            /** Format: date-time */
                            lastLogin: string | null;
                            lastName: string;
                            notificationPreferences: {
                                /** @description Task reminders and completions by email */
                                email: boolean;
                                /** @description By SMS; needs a phone number */
                                sms: boolean;
                            };
                            phoneNumber: string | null;
                            /** Format: date-time */
                            updatedAt: string;
                            /** @description The Cognito sub */
                            userId: string;
                            /** @description Also sent as the ETag */
                            version: number;
                        };
                    };
                };
                /** @description The request is malformed or fails validation; `errors` names each field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description Explanation specific to this occurrence */
                            detail?: string;
                            errors: {
                                /** @description Dotted path of the property, e.g. notificationPreferences.sms */
                                field: string;
                                in: "body" | "querystring" | "params" | "headers";
                                message: string;
                            }[];
                            /** @description The request path */
                            instance?: string;
                            status: number;
                            /** @description Short summary of the problem type */
                            title: string;
                            /**
                             * @description URI identifying the problem type
                             * @example about:blank
                             */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Problem details (RFC 9457) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            status: number;
                            title: string;
                            type: string;
                        };
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description Explanation specific to this occurrence */
                            detail?: string;
                            /** @description The request path */
                            instance?: string;
                            status: number;
                            /** @description Short summary of the problem type */
                            title: string;
                            /**
                             * @description URI identifying the problem type
                             * @example about:blank
                             */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Conflicts with the current state */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description Explanation specific to this occurrence */
                            detail?: string;
                            /** @description The request path */
                            instance?: string;
                            status: number;
                            /** @description Short summary of the problem type */
                            title: string;
                            /**
                             * @description URI identifying the problem type
                             * @example about:blank
                             */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description The If-Match version is stale */
                412: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description Explanation specific to this occurrence */
                            detail?: string;
                            /** @description The request path */
                            instance?: string;
                            status: number;
                            /** @description Short summary of the problem type */
                            title: string;
                            /**
                             * @description URI identifying the problem type
                             * @example about:blank
                             */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description The body exceeds the size limit */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description Explanation specific to this occurrence */
                            detail?: string;
                            /** @description The request path */
                            instance?: string;
                            status: number;
                            /** @description Short summary of the problem type */
                            title: string;
                            /**
                             * @description URI identifying the problem type
                             * @example about:blank
                             */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description The body is not JSON */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description Explanation specific to this occurrence */
                            detail?: string;
                            /** @description The request path */
                            instance?: string;
                            status: number;
                            /** @description Short summary of the problem type */
                            title: string;
                            /**
                             * @description URI identifying the problem type
                             * @example about:blank
                             */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Unexpected server error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            /** @description Explanation specific to this occurrence */
                            detail?: string;
                            /** @description The request path */
                            instance?: string;
                            status: number;
                            /** @description Short summary of the problem type */
                            title: string;
                            /**
                             * @description URI identifying the problem type
                             * @example about:blank
                             */
                            type: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Problem details (RFC 9457) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            status: number;
                            title: string;
                            type: string;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: never;
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
