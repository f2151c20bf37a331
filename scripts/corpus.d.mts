export declare const CORPUS_ROOT: string;
export declare function corpusDir(part: 'cognito' | 'iam'): string | undefined;
export declare const CORPUS_ABSENT: string;
export declare function realworldDir(): string | undefined;
