import{n as e,r as t,t as n}from"./token-DWi1cXCz.js";import{n as r}from"./dist-DHCRdjNZ.js";var i,a,o,s,c,l,u,d,f,p,m=Symbol.for(`pv`),h={},g=[],_=/^m(i|n|o|s|text|space)$/,v=Array.isArray,y=g.slice,b=Object.assign;function x(e){e&&e.parentNode&&e.remove()}function S(e,t,n,r,o){var s={type:e,props:t,key:n,ref:r,__k:null,__:null,__b:0,__e:null,__c:null,constructor:m,__v:o||++a,__i:-1,__u:0};return!o&&i.vnode&&i.vnode(s),s}function C(e){return e.children}function w(e,t){this.props=e,this.context=t,this.__g=0}function T(e,t){if(t==null)return e.__&&T(e.__,e.__i+1);for(var n;t<e.__k.length;t++)if((n=e.__k[t])&&n.__e)return n.__e;return typeof e.type!=`function`||e.props.__P?null:T(e)}function E(e){var t,n=e.__v,r=n.__e,a=[],o=[],s=e.__P;s&&((t=b({constructor:m},n)).__v=n.__v+1,i.vnode&&i.vnode(t),N(s,t,n,e.__n,s.namespaceURI,32&n.__u?[r]:null,a,r||T(n),32&n.__u,o),t.__v=n.__v,t.__.__k[t.__i]=t,P(a,t,o),n.__=n.__e=null,t.__e!=r&&D(t))}function D(e){if((e=e.__)&&e.__c&&!e.props.__P)return e.__e=null,e.__k.some(function(t){return t&&(e.__e=t.__e)}),D(e)}function O(e){(8&e.__g||(e.__g|=8,o.push(e),c++))&&s==i.debounceRendering||((s=i.debounceRendering)||queueMicrotask)(k)}function k(){try{for(var e,t=1;o.length;)o.length>t&&o.sort(l),e=o.shift(),t=o.length,8&e.__g&&E(e)}finally{(c=o.length)&&(s||queueMicrotask)(k)}}function ee(e,t,n,r,i,a,o,s,c,l,u){var d,f,p,m,_,v,y=r.__k||g,b=t.length;for(c=te(n,t,y,c,b),d=0;d<b;d++)(p=n.__k[d])!=null&&(f=~p.__i&&y[p.__i]||h,p.__i=d,v=N(e,p,f,i,a,o,s,c,l,u),m=p.__e,(f.ref!=p.ref||8&f.__u)&&(f.ref&&se(f.ref,null,p,f),p.ref&&u.push(p.ref,p.__c||m,p)),_||=m,4&p.__u?(c=ne(p,c,e,!f.__v),f.__e&&(f.__e=null)):typeof p.type==`function`&&v!==void 0?c=v:m&&(c=m.nextSibling),p.__u&=-21);return n.__e=_,c}function te(e,t,n,r,i){var a,o,s,c,l,u,d,f,p,h=n.length,g=h,_=0,y=0,b=e.__k=Array(i);for(a=0;a<i;a++)(o=t[a])!=null&&typeof o!=`boolean`&&typeof o!=`function`?(typeof o!=`object`||o.constructor===String?o=b[a]=S(null,o):v(o)?o=b[a]=S(C,{children:o}):o.constructor===m&&o.__b?o=b[a]=S(o.type,o.props,o.key,o.ref,o.__v):b[a]=o,c=a+_,o.__=e,o.__b=e.__b+1,s=null,~(l=o.__i=re(o,n,c,g))&&(g--,(s=n[l])&&(s.__u|=2)),s&&s.__v?(o.__u|=16,l==c-1?_--:l==c+1?_++:l!=c&&(l>c?_--:_++,y=1)):(~l||(i>h?_--:i<h&&_++),typeof o.type!=`function`&&(o.__u|=4))):b[a]=null;if(y){for(u=[],d=[],a=0;a<i;a++)if((o=b[a])&&16&o.__u){for(_=0,f=u.length;_<f;)u[p=_+f>>1]<o.__i?_=p+1:f=p;u[_]=o.__i,d[a]=_+1}for(_=u.length;a--;)d[a]&&(d[a]==_?_--:b[a].__u|=4)}if(g)for(a=0;a<h;a++)!(s=n[a])||2&s.__u||(s.__e==r&&(r=T(s)),ce(s,s));return r}function ne(e,t,n,r){var i,a,o,s;if(typeof e.type==`function`){if(e.props.__P)return t;if(i=e.__k)for(a=0;a<i.length;a++)i[a]&&(i[a].__=e,t=ne(i[a],t,n,!1));return t}for(t&&!t.parentNode&&(t=T(e))&&!t.parentNode&&(t=null),o=e.__e,s=t;s&&s.nodeType==8;)s=s.nextSibling;for(o!=s&&(!r&&n.moveBefore&&o.parentNode?n.moveBefore(o,t):n.insertBefore(o,t||null)),t=o;(t&&=t.nextSibling)&&t.nodeType==8&&!t.data.startsWith(`$s`););return t}function re(e,t,n,r){var i,a=e.key,o=e.type,s=t[n],c=s&&!(2&s.__u);if(s===null&&a==null||c&&a==s.key&&o==s.type)return n;if(r>+!!c){for(i=n-1;i>=0;i--)if((s=t[i])&&!(2&s.__u)&&a==s.key&&o==s.type)return i;for(i=n+1;i<t.length;i++)if((s=t[i])&&!(2&s.__u)&&a==s.key&&o==s.type)return i}return-1}function A(e,t,n){n??=``,t[0]==`-`?e.setProperty(t,n):e[t]=n}function j(e,t,n,r,i){var a,o;if(t==`style`){if(typeof n==`string`)e.style.cssText=n;else{if(typeof r==`string`&&(e.style.cssText=r=``),r)for(t in r)n&&t in n||A(e.style,t);if(n)for(t in n)r&&n[t]==r[t]||A(e.style,t,n[t])}}else if(t[0]==`o`&&t[1]==`n`)typeof n!=`function`&&(n=null),typeof r!=`function`&&(r=null),(e.__e||={})[t]=n,n&&r||(o=p[t]||(p[t]=M(t)),(e.__a||={})[t]=f,a=t!=(t=t.replace(d,`$1`)),(t=t.slice(2))[0]<`a`&&(t=t.toLowerCase()),n?e.addEventListener(t,o,a):e.removeEventListener(t,o,a));else{if(i==`http://www.w3.org/2000/svg`)t=t.replace(/xlink(H|:h)/,`h`).replace(/sName$/,`s`);else if(t!=`width`&&t!=`height`&&t!=`href`&&t!=`list`&&t!=`form`&&t!=`tabIndex`&&t!=`download`&&t!=`rowSpan`&&t!=`colSpan`&&t!=`role`&&t!=`popover`&&t in e)try{e[t]=n??``;return}catch{}if(typeof n==`function`)return;n==null||!1===n&&t[4]!=`-`?e.removeAttribute(t):e.setAttribute(t,t==`popover`&&n==1?``:n)}}function M(e){return function(t){var n=this.__e;if(n){if(n=n[e],t[u]==null)t[u]=f++;else if(t[u]<this.__a[e])return;return n(i.event?i.event(t):t)}}}function N(e,t,n,r,a,o,s,c,l,u){var d,f,p,h,_,y,S,E,D,O,k,te,ne,re,A,j,M,N,P=t.type;if(t.constructor!==m)return null;128&n.__u&&(l=32&n.__u,d=n.__c.__z)&&(t.__u|=l,f=o=[],d.nodeType==8?c=ie(d,o):o.push(d),c=o[0]||c),(d=i.__b)&&d(t);e:if(typeof P==`function`){p=s.length;try{if(E=t.props,D=(d=P.prototype)&&d.render,O=(d=P.contextType)&&r[d.__c],k=d?O?O.props.value:d.__:r,(h=n.__c)?(t.__c=h,2&h.__g&&(h.__g|=1)):(D?t.__c=h=new P(E,k):(t.__c=h=new w(E,k),h.constructor=P,h.render=le),O&&O.sub(h),h.state||(h.state={}),h.__n=r,h.__g|=8,h.__h=[],h.__k=[]),D&&(h.__s||(h.__s=h.state),P.getDerivedStateFromProps&&(h.__s==h.state&&(h.__s=b({},h.__s)),b(h.__s,P.getDerivedStateFromProps(E,h.__s)))),_=h.props,y=h.state,h.__v=t,n.__c){if(E!==_&&D&&!P.getDerivedStateFromProps&&h.componentWillReceiveProps&&h.componentWillReceiveProps(E,k),t.__v==n.__v&&!(8&h.__g)||!(4&h.__g)&&h.shouldComponentUpdate&&!1===h.shouldComponentUpdate(E,h.__s,k)){t.__v!=n.__v&&(h.props=E,h.state=h.__s,h.__g&=-9),t.__e=n.__e,t.__k=n.__k,t.__k.some(function(e){e&&(e.__=t)}),g.push.apply(h.__h,h.__k),h.__k=[],h.__h.length&&s.push(h),c=T(n);break e}h.componentWillUpdate&&h.componentWillUpdate(E,h.__s,k),D&&h.componentDidUpdate&&h.__h.push(function(){h.componentDidUpdate(_,y,S)})}else D&&!P.getDerivedStateFromProps&&h.componentWillMount&&h.componentWillMount(),D&&h.componentDidMount&&h.__h.push(h.componentDidMount);h.context=k,h.props=E,h.__P=e,h.__g&=-5,te=i.__r,ne=D?25:0;do h.__g&=-9,te&&te(t),d=h.render(h.props,h.state=h.__s,h.context);while(8&h.__g&&++ne<25);D&&(g.push.apply(h.__h,h.__k),h.__k=[]),h.state=h.__s,h.getChildContext&&(r=b({},r,h.getChildContext())),D&&n.__c&&h.getSnapshotBeforeUpdate&&(S=h.getSnapshotBeforeUpdate(_,y)),re=d&&d.type===C&&d.key==null?d.props.children:d,E.__P&&(d=c,a=(e=E.__P).namespaceURI,l=o=null,n.props&&n.props.__P!=e&&(n.__k.some(function(e){e&&ce(e,e)}),n.__k=null),c=n.__k?T(n,0):null),c=ee(e,v(re)?re:[re],t,n,r,a,o,s,c,l,u),E.__P&&(t.__e=null,c=d),t.__u&=-161,f&&f.some(x),h.__h.length&&s.push(h),1&h.__g&&(h.__g&=-4)}catch(e){if(s.length=p,t.__v=null,l||o){if(e&&e.then){if(t.__u|=128|l,o){for(~(M=o.indexOf(c||void 0))||(M=o.length);(N=o[M-1])&&N.nodeType==8;)M--;for(;M<o.length;M++)if(N=o[M]){if(o[M]=null,A){if(N==j)break}else{if(N.nodeType!=8)break;N.data.startsWith(`$s`)&&(j=ie(A=N))}}}if(!A){for(;c&&c.nodeType==8&&c.nextSibling;)c=c.nextSibling;A=c}(d=ie(A=t.__c.__z||(t.__c.__z=A)))?(t.__e=A,c=d):t.__e=c,c&&=c.nextSibling}else o&&o.some(x)}else t.__e=n.__e;t.__k||=n.__k||[],e&&e.then||ae(t),i.__e(e,t,n)}}else c=t.__e=oe(n.__e,t,n,r,a,o,s,l,u,e);return(d=i.diffed)&&d(t),c}function ie(e,t){if(e&&e.nodeType==8&&e.data.startsWith(`$s`))for(var n=1;e=e.nextSibling;){if(e.nodeType==8){if(e.data.startsWith(`$s`))n++;else if(e.data.startsWith(`/$s`)&&!--n)return e}t&&t.push(e)}}function ae(e){e&&(e.__c&&(e.__c.__g|=4),e.__k&&e.__k.some(ae))}function P(e,t,n){for(var r=0;r<n.length;)se(n[r++],n[r++],n[r++]);i.__c&&i.__c(t,e),e.some(function(t){try{e=t.__h,t.__h=[],e.some(function(e){e.call(t)})}catch(e){i.__e(e,t.__v)}})}function oe(e,t,n,r,a,o,s,c,l,u){var d,f,p,m,g,b,S,C,w=n.props||h,E=t.props,D=t.type;if(D==`svg`?a=`http://www.w3.org/2000/svg`:D==`math`?a=`http://www.w3.org/1998/Math/MathML`:a||=`http://www.w3.org/1999/xhtml`,o){for(d=0;d<o.length;d++)if((g=o[d])&&(D?g.localName==D:g.nodeType==3)){e=g,o[d]=null;break}}if(!e){if(C=u.ownerDocument||document,!D)return C.createTextNode(E);e=C.createElementNS(a,D,E.is?E:u),c&&=(i.__m&&i.__m(t,o),!1),o=null}if(D){if(u=D==`template`&&e.content||e,o=D==`textarea`&&E.defaultValue!=null?null:o&&y.call(u.childNodes),!c&&o)for(w={},d=0;d<e.attributes.length;d++)w[(g=e.attributes[d]).name]=g.value;for(d in w)g=w[d],d==`dangerouslySetInnerHTML`?p=g:d==`children`||d in E||d==`value`&&`defaultValue`in E||d==`checked`&&`defaultChecked`in E||j(e,d,null,g,a);for(d in E)g=E[d],d==`children`?m=g:d==`dangerouslySetInnerHTML`?f=g:d==`value`?b=g:d==`checked`?S=g:c&&typeof g!=`function`||w[d]===g||j(e,d,g,w[d],a);f?(c||p&&(f.__html==p.__html||f.__html==e.innerHTML)||(e.innerHTML=f.__html),t.__k=[]):(p&&(e.textContent=``),(D==`foreignObject`||a==`http://www.w3.org/1998/Math/MathML`&&_.test(D))&&(a=`http://www.w3.org/1999/xhtml`),ee(u,v(m)?m:[m],t,n,r,a,o,s,o?o[0]:n.__k&&T(n,0),c,l),o&&o.some(x)),c&&D!=`textarea`||(d=`value`,D==`progress`&&b==null?e.removeAttribute(d):b==null||b===e[d]&&(D!=`progress`||b)||j(e,d,b,w[d],a),d=`checked`,S!=null&&S!=e[d]&&j(e,d,S,w[d],a))}else w===E||c&&e.data==E||(e.data=E);return e}function se(e,t,n,r){try{typeof e==`function`?t?t.__x=e(t)||1:(r&&=r.__c||r.__e)&&(t=r.__x)&&(r.__x=null,typeof t==`function`?t():e(null)):e.current=t}catch(e){i.__e(e,n)}}function ce(e,t,n){var r,a,o,s;if(i.unmount&&i.unmount(e),!(r=e.ref)||r.current&&r.current!=e.__e||se(r,null,t,e),r=e.__c){if(r.componentWillUnmount)try{r.componentWillUnmount()}catch(e){i.__e(e,t)}r.__P=r.__n=null}if(r=e.__k)for(s=0;s<r.length;s++)r[s]&&ce(r[s],t,typeof e.type!=`function`||n&&!e.props.__P);!n&&(r=e.__c)&&(r=r.__z)&&(a=ie(r,o=[]))&&(r==e.__e&&o.some(x),x(a),x(r)),n||x(e.__e),e.__e=e.__c=e.__=null}function le(e,t,n){return this.constructor(e,n)}function ue(e,t){var n,r,a,o;i.__&&i.__(e,t),t.nodeType==9&&(t=t.documentElement),r=(n=e&&32&e.__u)?null:t.__k,t.__k=S(C,{children:[e]}),a=[],o=[],N(t,t.__k,r||h,h,t.namespaceURI,r?null:t.firstChild?y.call(t.childNodes):null,a,r?r.__e:t.firstChild,n,o),P(a,t.__k,o),t.__k.props.children=null}i={__e:function(e,t,n,r){for(var i,a,o;t=t.__;)if((i=t.__c)&&!(1&i.__g)){i.__g|=4;try{if((o=(a=i.constructor)&&a.getDerivedStateFromError)&&i.setState(a.getDerivedStateFromError(e)),i.componentDidCatch&&(i.componentDidCatch(e,r||{}),o=1),o&&8&i.__g)return void(i.__g|=2)}catch(t){e=t}}throw c=0,e}},a=0,w.prototype.setState=function(e,t){var n=this.__s;n&&n!=this.state||(n=this.__s=b({},this.state)),typeof e==`function`&&(e=e(b({},n),this.props)),e&&(b(n,e),this.__v&&(t&&this.__k.push(t),O(this)))},w.prototype.forceUpdate=function(e){this.__v&&(this.__g|=4,e&&this.__h.push(e),O(this))},w.prototype.render=C,o=[],c=0,l=function(e,t){return e.__v.__b-t.__v.__b},u=Symbol(),d=/(PointerCapture)$|Capture$/i,f=0,p={};var de,F,fe,pe,me=Object.is,he=0,ge=[],_e=[],I=i,ve=I.__b,ye=I.__r,be=I.diffed,xe=I.__c,Se=I.unmount,Ce=I.__;function we(e,t){I.__h&&I.__h(F,e,he||t),he=0;var n=F.__H||(F.__H={__:[],__h:[]});return e>=n.__.length&&n.__.push({}),n.__[e]}function L(e){return he=1,Te(Ie,e)}function Te(e,t,n){var r=we(de++,2);if(r.t=e,!r.__c&&(r.__=[n?n(t):Ie(void 0,t),function(e){var t=(r.__N||r.__)[0],n=r.t(t,e);me(t,n)||(r.__N=[n,r.__[1]],r.__c.setState({}))}],r.__c=F,!F.__f)){F.__f=!0;var i=F.shouldComponentUpdate;F.shouldComponentUpdate=function(e,t,n){var r=this.__H;if(!r)return!0;var a=!1,o=this.props!=e;if(r.__.some(function(e){e.__N&&(a=!0,me(e.__[0],e.__N[0])||(o=!0))}),i){var s=i.call(this,e,t,n);return a?s||o:s}return!a||o}}return r.__}function R(e,t){var n=we(de++,3);!I.__s&&Fe(n.__H,t)&&(n.__P=!0,n.__=e,n.u=t,F.__H.__h.push(n))}function Ee(e){return he=5,De(function(){return{current:e}},[])}function De(e,t){var n=we(de++,7);return Fe(n.__H,t)&&(n.__=e(),n.__H=t),n.__}function Oe(){var e=we(de++,11);if(!e.__){for(var t=F.__v;!t.__m&&t.__;)t=t.__;var n=t.__m||(t.__m=[0,0]);e.__=`P`+n[0]+`-`+n[1]++}return e.__}function ke(){var e;do{for(;e=_e.shift();)try{Ne(e)}catch(t){I.__e(t,{__:(e=e.__P)&&e.__v})}for(;e=ge.shift();){var t=e.__H;if(e.__P&&t)try{t.__h.some(Ne),t.__h.some(Pe),t.__h=[]}catch(n){t.__h=[],I.__e(n,e.__v)}}}while(_e.length)}I.__b=function(e){F=null,ve&&ve(e)},I.__=function(e,t){e&&t.__k&&t.__k.__m&&(e.__m=t.__k.__m),Ce&&Ce(e,t)},I.__r=function(e){ye&&ye(e),de=0;var t=(F=e.__c).__H;t&&(fe==F?F.__h=[]:(t.__h.some(Ne),t.__h.some(Pe),de=0),t.__h=[],t.__.some(function(e){e.__N&&(e.__=e.__N),e.u=e.__N=void 0})),fe=F},I.diffed=function(e){be&&be(e);var t=e.__c;t&&t.__H&&(t.__H.__h.length&&Me(ge.push(t)),t.__H.__.some(function(e){e.u&&(e.__H=e.u)})),fe=F=null},I.__c=function(e,t){t.some(function(e){try{e.__h.some(Ne),e.__h=e.__h.filter(function(e){return!e.__||Pe(e)})}catch(t){e.__h=[function(){throw t}]}}),xe&&xe(e,t)},I.unmount=function(e){Se&&Se(e);var t,n,r=e.__c;r&&r.__H&&(r.__H.__.some(function(r){try{if(r.__P&&r.__c){if(n===void 0){for(n=e.__;n&&(!n.__c||!n.__c.__P);)n=n.__;n&&=n.__c}r.__P=n,Me(_e.push(r))}else Ne(r)}catch(e){t=e}}),r.__H=void 0,t&&I.__e(t,r.__v))};var Ae=typeof requestAnimationFrame==`function`;function je(e){var t,n=function(){clearTimeout(r),Ae&&cancelAnimationFrame(t),setTimeout(e)},r=setTimeout(n,35);Ae&&(t=requestAnimationFrame(n))}function Me(e){e!=1&&pe==I.requestAnimationFrame||((pe=I.requestAnimationFrame)||je)(ke)}function Ne(e){var t=F,n=e.__c;typeof n==`function`&&(e.__c=void 0,n()),F=t}function Pe(e){var t=F;e.__c=e.__(),F=t}function Fe(e,t){return!e||e.length!=t.length||t.some(function(t,n){return!me(t,e[n])})}function Ie(e,t){return typeof t==`function`?t(e):t}var z=class e extends Error{code;extensions;retryAfter;field;constructor(e,t,n={}){super(t),this.name=`ApiError`,this.code=e,this.extensions=n;let r=Number(n.retryAfter);this.retryAfter=Number.isFinite(r)&&r>0?Math.ceil(r):null,this.field=typeof n.field==`string`?n.field:null}static from(t){let n=t.extensions??{},r=typeof n.code==`string`?n.code:`INTERNAL`;return new e(r,t.message,n)}};function Le(e){let t=e.trim();if(!t)return`Something went wrong.`;let n=t.charAt(0).toUpperCase()+t.slice(1);return/[.!?]$/.test(n)?n:`${n}.`}function Re(e){if(!(e instanceof z))return`Something went wrong in the page. Reload it and try again.`;let t=e.message.toLowerCase();switch(e.code){case`NETWORK`:return`Cannot reach the server. Check the connection and try again.`;case`RATE_LIMITED`:return e.retryAfter?`Too many attempts. Try again in ${e.retryAfter} seconds.`:Le(e.message);case`UNAUTHENTICATED`:return t.includes(`incorrect email or password`)?`The email or password is not right.`:t.includes(`disabled`)?`This account has been disabled. Ask an administrator to enable it again.`:`Your session has ended. Sign in again.`;case`FORBIDDEN`:return t.includes(`disabled`)?`This account has been disabled. Ask an administrator to enable it again.`:Le(`You are not allowed to do that: ${e.message}`);case`NOT_FOUND`:return Le(`Not found: ${e.message}`);case`INTERNAL`:return`Something went wrong on the server. Try again; if it keeps happening, tell an administrator.`;default:return Le(e.message)}}var ze=()=>{};function Be(e){ze=e}function Ve(e){ze(e)}function He(){let e=t();return e?{Authorization:`Bearer ${e}`}:{}}async function B(e,...[t]){let n={"Content-Type":`application/json`,Accept:`application/json`,...He()},r;try{r=await fetch(`/graphql`,{method:`POST`,headers:n,body:JSON.stringify({query:e.toString(),variables:t??{}})})}catch{throw new z(`NETWORK`,`network error`)}let i;try{i=await r.json()}catch{throw new z(r.status>=500?`INTERNAL`:`NETWORK`,`HTTP ${r.status}`)}let a=i.errors?.[0];if(a){let e=z.from(a);throw e.code===`UNAUTHENTICATED`&&`Authorization`in n&&ze(e.message),e}if(i.data==null)throw new z(`INTERNAL`,`empty response`);return i.data}var V=class extends String{__apiType;value;__meta__;constructor(e,t){super(e),this.value=e,this.__meta__=t}toString(){return this.value}},Ue={"\n  query SetupStatus {\n    setupStatus { setupRequired multiuserEnabled passwordPolicy }\n  }\n":new V(`
    query SetupStatus {
  setupStatus {
    setupRequired
    multiuserEnabled
    passwordPolicy
  }
}
    `),"\n  query Me {\n    me { id displayName email isAdmin }\n  }\n":new V(`
    query Me {
  me {
    id
    displayName
    email
    isAdmin
  }
}
    `),"\n  mutation Setup($input: SetupInput!) {\n    setup(input: $input) { token expiresAt user { id displayName email isAdmin } }\n  }\n":new V(`
    mutation Setup($input: SetupInput!) {
  setup(input: $input) {
    token
    expiresAt
    user {
      id
      displayName
      email
      isAdmin
    }
  }
}
    `),"\n  mutation Login($input: LoginInput!) {\n    login(input: $input) { token expiresAt user { id displayName email isAdmin } }\n  }\n":new V(`
    mutation Login($input: LoginInput!) {
  login(input: $input) {
    token
    expiresAt
    user {
      id
      displayName
      email
      isAdmin
    }
  }
}
    `),"\n  mutation Logout { logout }\n":new V(`
    mutation Logout {
  logout
}
    `),"\n  mutation LogoutEverywhere { logoutEverywhere }\n":new V(`
    mutation LogoutEverywhere {
  logoutEverywhere
}
    `),"\n  query GenerateForm {\n    models { key name type base description isDefault defaults }\n    stylePresets(first: 100) { id name positivePrompt negativePrompt isPublic }\n    boards(first: 100) { id name myAccess archived owner { id displayName } }\n  }\n":new V(`
    query GenerateForm {
  models {
    key
    name
    type
    base
    description
    isDefault
    defaults
  }
  stylePresets(first: 100) {
    id
    name
    positivePrompt
    negativePrompt
    isPublic
  }
  boards(first: 100) {
    id
    name
    myAccess
    archived
    owner {
      id
      displayName
    }
  }
}
    `),"\n  mutation Enqueue($input: EnqueueInput!) {\n    enqueue(input: $input) {\n      batchId\n      items {\n        id batchId status cost createdAt startedAt completedAt isMine ownerName error position\n        estimatedStartAt\n        params { prompt negativePrompt model width height steps cfgScale scheduler seed boardId }\n      }\n    }\n  }\n":new V(`
    mutation Enqueue($input: EnqueueInput!) {
  enqueue(input: $input) {
    batchId
    items {
      id
      batchId
      status
      cost
      createdAt
      startedAt
      completedAt
      isMine
      ownerName
      error
      position
      estimatedStartAt
      params {
        prompt
        negativePrompt
        model
        width
        height
        steps
        cfgScale
        scheduler
        seed
        boardId
      }
    }
  }
}
    `),"\n  query QueuePage {\n    queueStatus { paused policy pending inProgress completed failed canceled myPending myInProgress }\n    running: queueItems(status: IN_PROGRESS, first: 10) {\n      id batchId status cost createdAt startedAt completedAt isMine ownerName error position\n      estimatedStartAt\n      params { prompt negativePrompt model width height steps cfgScale scheduler seed boardId }\n    }\n    pending: queueItems(status: PENDING, first: 100) {\n      id batchId status cost createdAt startedAt completedAt isMine ownerName error position\n      estimatedStartAt\n      params { prompt negativePrompt model width height steps cfgScale scheduler seed boardId }\n    }\n  }\n":new V(`
    query QueuePage {
  queueStatus {
    paused
    policy
    pending
    inProgress
    completed
    failed
    canceled
    myPending
    myInProgress
  }
  running: queueItems(status: IN_PROGRESS, first: 10) {
    id
    batchId
    status
    cost
    createdAt
    startedAt
    completedAt
    isMine
    ownerName
    error
    position
    estimatedStartAt
    params {
      prompt
      negativePrompt
      model
      width
      height
      steps
      cfgScale
      scheduler
      seed
      boardId
    }
  }
  pending: queueItems(status: PENDING, first: 100) {
    id
    batchId
    status
    cost
    createdAt
    startedAt
    completedAt
    isMine
    ownerName
    error
    position
    estimatedStartAt
    params {
      prompt
      negativePrompt
      model
      width
      height
      steps
      cfgScale
      scheduler
      seed
      boardId
    }
  }
}
    `),"\n  subscription QueueEvents($since: String) {\n    queueEvents(since: $since) {\n      __typename\n      ... on QueueItemStatusChanged {\n        cursor\n        item {\n          id batchId status cost createdAt startedAt completedAt isMine ownerName error position\n          estimatedStartAt\n          params { prompt negativePrompt model width height steps cfgScale scheduler seed boardId }\n        }\n        queueStatus { paused policy pending inProgress completed failed canceled myPending myInProgress }\n      }\n      ... on BatchEnqueued {\n        cursor batchId itemCount\n        queueStatus { paused policy pending inProgress completed failed canceled myPending myInProgress }\n      }\n      ... on QueueCleared {\n        cursor\n        queueStatus { paused policy pending inProgress completed failed canceled myPending myInProgress }\n      }\n      ... on ProcessorStateChanged {\n        cursor\n        queueStatus { paused policy pending inProgress completed failed canceled myPending myInProgress }\n      }\n    }\n  }\n":new V(`
    subscription QueueEvents($since: String) {
  queueEvents(since: $since) {
    __typename
    ... on QueueItemStatusChanged {
      cursor
      item {
        id
        batchId
        status
        cost
        createdAt
        startedAt
        completedAt
        isMine
        ownerName
        error
        position
        estimatedStartAt
        params {
          prompt
          negativePrompt
          model
          width
          height
          steps
          cfgScale
          scheduler
          seed
          boardId
        }
      }
      queueStatus {
        paused
        policy
        pending
        inProgress
        completed
        failed
        canceled
        myPending
        myInProgress
      }
    }
    ... on BatchEnqueued {
      cursor
      batchId
      itemCount
      queueStatus {
        paused
        policy
        pending
        inProgress
        completed
        failed
        canceled
        myPending
        myInProgress
      }
    }
    ... on QueueCleared {
      cursor
      queueStatus {
        paused
        policy
        pending
        inProgress
        completed
        failed
        canceled
        myPending
        myInProgress
      }
    }
    ... on ProcessorStateChanged {
      cursor
      queueStatus {
        paused
        policy
        pending
        inProgress
        completed
        failed
        canceled
        myPending
        myInProgress
      }
    }
  }
}
    `),"\n  subscription Progress {\n    generationProgress { queueItemId batchId step totalSteps percentage preview }\n  }\n":new V(`
    subscription Progress {
  generationProgress {
    queueItemId
    batchId
    step
    totalSteps
    percentage
    preview
  }
}
    `),"\n  subscription ImageAdded {\n    imageAdded {\n      image {\n        id width height starred createdAt queueItemId url thumbnailUrl\n        owner { id displayName }\n        board { id name }\n      }\n    }\n  }\n":new V(`
    subscription ImageAdded {
  imageAdded {
    image {
      id
      width
      height
      starred
      createdAt
      queueItemId
      url
      thumbnailUrl
      owner {
        id
        displayName
      }
      board {
        id
        name
      }
    }
  }
}
    `),"\n  mutation CancelItem($id: ID!) {\n    cancelQueueItem(id: $id) { id status }\n  }\n":new V(`
    mutation CancelItem($id: ID!) {
  cancelQueueItem(id: $id) {
    id
    status
  }
}
    `),"\n  mutation RetryItems($ids: [ID!]!) {\n    retryQueueItems(ids: $ids) {\n      id batchId status cost createdAt startedAt completedAt isMine ownerName error position\n      estimatedStartAt\n      params { prompt negativePrompt model width height steps cfgScale scheduler seed boardId }\n    }\n  }\n":new V(`
    mutation RetryItems($ids: [ID!]!) {
  retryQueueItems(ids: $ids) {
    id
    batchId
    status
    cost
    createdAt
    startedAt
    completedAt
    isMine
    ownerName
    error
    position
    estimatedStartAt
    params {
      prompt
      negativePrompt
      model
      width
      height
      steps
      cfgScale
      scheduler
      seed
      boardId
    }
  }
}
    `),"\n  mutation ClearQueue { clearQueue }\n":new V(`
    mutation ClearQueue {
  clearQueue
}
    `),"\n  query GalleryPage($boardId: ID, $uncategorized: Boolean, $after: String) {\n    boards(first: 100) {\n      id name isPublic archived createdAt myAccess imageCount\n      owner { id displayName }\n      coverImage { id thumbnailUrl width height }\n    }\n    images(boardId: $boardId, uncategorized: $uncategorized, first: 100, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges {\n        cursor\n        node {\n          id width height starred createdAt queueItemId url thumbnailUrl\n          owner { id displayName }\n          board { id name }\n        }\n      }\n    }\n  }\n":new V(`
    query GalleryPage($boardId: ID, $uncategorized: Boolean, $after: String) {
  boards(first: 100) {
    id
    name
    isPublic
    archived
    createdAt
    myAccess
    imageCount
    owner {
      id
      displayName
    }
    coverImage {
      id
      thumbnailUrl
      width
      height
    }
  }
  images(
    boardId: $boardId
    uncategorized: $uncategorized
    first: 100
    after: $after
  ) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      cursor
      node {
        id
        width
        height
        starred
        createdAt
        queueItemId
        url
        thumbnailUrl
        owner {
          id
          displayName
        }
        board {
          id
          name
        }
      }
    }
  }
}
    `),"\n  query ImagesPage($boardId: ID, $uncategorized: Boolean, $after: String) {\n    images(boardId: $boardId, uncategorized: $uncategorized, first: 100, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges {\n        cursor\n        node {\n          id width height starred createdAt queueItemId url thumbnailUrl\n          owner { id displayName }\n          board { id name }\n        }\n      }\n    }\n  }\n":new V(`
    query ImagesPage($boardId: ID, $uncategorized: Boolean, $after: String) {
  images(
    boardId: $boardId
    uncategorized: $uncategorized
    first: 100
    after: $after
  ) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      cursor
      node {
        id
        width
        height
        starred
        createdAt
        queueItemId
        url
        thumbnailUrl
        owner {
          id
          displayName
        }
        board {
          id
          name
        }
      }
    }
  }
}
    `),"\n  query ImageDetail($id: ID!) {\n    image(id: $id) {\n      id width height sizeBytes starred createdAt metadata queueItemId url thumbnailUrl\n      owner { id displayName }\n      board { id name myAccess }\n    }\n  }\n":new V(`
    query ImageDetail($id: ID!) {
  image(id: $id) {
    id
    width
    height
    sizeBytes
    starred
    createdAt
    metadata
    queueItemId
    url
    thumbnailUrl
    owner {
      id
      displayName
    }
    board {
      id
      name
      myAccess
    }
  }
}
    `),"\n  mutation UpdateImage($id: ID!, $starred: Boolean, $boardId: ID, $clearBoard: Boolean) {\n    updateImage(id: $id, starred: $starred, boardId: $boardId, clearBoard: $clearBoard) {\n      id starred board { id name myAccess }\n    }\n  }\n":new V(`
    mutation UpdateImage($id: ID!, $starred: Boolean, $boardId: ID, $clearBoard: Boolean) {
  updateImage(
    id: $id
    starred: $starred
    boardId: $boardId
    clearBoard: $clearBoard
  ) {
    id
    starred
    board {
      id
      name
      myAccess
    }
  }
}
    `),"\n  mutation DeleteImages($ids: [ID!]!) {\n    deleteImages(ids: $ids)\n  }\n":new V(`
    mutation DeleteImages($ids: [ID!]!) {
  deleteImages(ids: $ids)
}
    `),"\n  query Boards {\n    boards(first: 100) { id name myAccess archived owner { id displayName } }\n  }\n":new V(`
    query Boards {
  boards(first: 100) {
    id
    name
    myAccess
    archived
    owner {
      id
      displayName
    }
  }
}
    `),"\n  mutation CreateBoard($name: String!) {\n    createBoard(name: $name) {\n      id name isPublic archived createdAt myAccess imageCount\n      owner { id displayName }\n      coverImage { id thumbnailUrl width height }\n    }\n  }\n":new V(`
    mutation CreateBoard($name: String!) {
  createBoard(name: $name) {
    id
    name
    isPublic
    archived
    createdAt
    myAccess
    imageCount
    owner {
      id
      displayName
    }
    coverImage {
      id
      thumbnailUrl
      width
      height
    }
  }
}
    `),"\n  mutation UpdateBoard($id: ID!, $name: String, $archived: Boolean, $isPublic: Boolean) {\n    updateBoard(id: $id, name: $name, archived: $archived, isPublic: $isPublic) {\n      id name isPublic archived createdAt myAccess imageCount\n      owner { id displayName }\n      coverImage { id thumbnailUrl width height }\n    }\n  }\n":new V(`
    mutation UpdateBoard($id: ID!, $name: String, $archived: Boolean, $isPublic: Boolean) {
  updateBoard(id: $id, name: $name, archived: $archived, isPublic: $isPublic) {
    id
    name
    isPublic
    archived
    createdAt
    myAccess
    imageCount
    owner {
      id
      displayName
    }
    coverImage {
      id
      thumbnailUrl
      width
      height
    }
  }
}
    `),"\n  mutation DeleteBoard($id: ID!) {\n    deleteBoard(id: $id)\n  }\n":new V(`
    mutation DeleteBoard($id: ID!) {
  deleteBoard(id: $id)
}
    `),"\n  query ProfilePage {\n    me { id displayName email isAdmin createdAt lastLoginAt }\n    sessions { id createdAt lastSeenAt expiresAt ip userAgent current }\n    apiTokens { id name scopes createdAt expiresAt lastUsedAt }\n  }\n":new V(`
    query ProfilePage {
  me {
    id
    displayName
    email
    isAdmin
    createdAt
    lastLoginAt
  }
  sessions {
    id
    createdAt
    lastSeenAt
    expiresAt
    ip
    userAgent
    current
  }
  apiTokens {
    id
    name
    scopes
    createdAt
    expiresAt
    lastUsedAt
  }
}
    `),"\n  mutation UpdateMe($input: UpdateMeInput!) {\n    updateMe(input: $input) { id displayName email isAdmin }\n  }\n":new V(`
    mutation UpdateMe($input: UpdateMeInput!) {
  updateMe(input: $input) {
    id
    displayName
    email
    isAdmin
  }
}
    `),"\n  mutation RevokeSession($id: ID!) { revokeSession(id: $id) }\n":new V(`
    mutation RevokeSession($id: ID!) {
  revokeSession(id: $id)
}
    `),"\n  mutation CreateApiToken($name: String!, $scopes: [String!]!, $expiresInDays: Int) {\n    createApiToken(name: $name, scopes: $scopes, expiresInDays: $expiresInDays) {\n      token\n      apiToken { id name scopes createdAt expiresAt lastUsedAt }\n    }\n  }\n":new V(`
    mutation CreateApiToken($name: String!, $scopes: [String!]!, $expiresInDays: Int) {
  createApiToken(name: $name, scopes: $scopes, expiresInDays: $expiresInDays) {
    token
    apiToken {
      id
      name
      scopes
      createdAt
      expiresAt
      lastUsedAt
    }
  }
}
    `),"\n  mutation RevokeApiToken($id: ID!) { revokeApiToken(id: $id) }\n":new V(`
    mutation RevokeApiToken($id: ID!) {
  revokeApiToken(id: $id)
}
    `),"\n  query AdminUsersPage {\n    users {\n      id displayName email isAdmin isActive createdAt lastLoginAt\n      stats { boardCount imageCount storageBytes pendingJobs }\n      quota { maxPendingJobs maxImagesPerDay maxStorageBytes }\n    }\n  }\n":new V(`
    query AdminUsersPage {
  users {
    id
    displayName
    email
    isAdmin
    isActive
    createdAt
    lastLoginAt
    stats {
      boardCount
      imageCount
      storageBytes
      pendingJobs
    }
    quota {
      maxPendingJobs
      maxImagesPerDay
      maxStorageBytes
    }
  }
}
    `),"\n  mutation CreateUser($input: CreateUserInput!) {\n    createUser(input: $input) { id }\n  }\n":new V(`
    mutation CreateUser($input: CreateUserInput!) {
  createUser(input: $input) {
    id
  }
}
    `),"\n  mutation UpdateUser($id: ID!, $input: UpdateUserInput!) {\n    updateUser(id: $id, input: $input) { id displayName isAdmin isActive }\n  }\n":new V(`
    mutation UpdateUser($id: ID!, $input: UpdateUserInput!) {
  updateUser(id: $id, input: $input) {
    id
    displayName
    isAdmin
    isActive
  }
}
    `),"\n  mutation DeleteUser($id: ID!) { deleteUser(id: $id) }\n":new V(`
    mutation DeleteUser($id: ID!) {
  deleteUser(id: $id)
}
    `),"\n  mutation UnlockUser($id: ID!) { unlockUser(id: $id) { id } }\n":new V(`
    mutation UnlockUser($id: ID!) {
  unlockUser(id: $id) {
    id
  }
}
    `)};function H(e){return Ue[e]??{}}var We=H(`
  query SetupStatus {
    setupStatus { setupRequired multiuserEnabled passwordPolicy }
  }
`),Ge=H(`
  query Me {
    me { id displayName email isAdmin }
  }
`),Ke=H(`
  mutation Setup($input: SetupInput!) {
    setup(input: $input) { token expiresAt user { id displayName email isAdmin } }
  }
`),qe=H(`
  mutation Login($input: LoginInput!) {
    login(input: $input) { token expiresAt user { id displayName email isAdmin } }
  }
`),Je=H(`
  mutation Logout { logout }
`),Ye=H(`
  mutation LogoutEverywhere { logoutEverywhere }
`),Xe=H(`
  query GenerateForm {
    models { key name type base description isDefault defaults }
    stylePresets(first: 100) { id name positivePrompt negativePrompt isPublic }
    boards(first: 100) { id name myAccess archived owner { id displayName } }
  }
`),Ze=H(`
  mutation Enqueue($input: EnqueueInput!) {
    enqueue(input: $input) {
      batchId
      items {
        id batchId status cost createdAt startedAt completedAt isMine ownerName error position
        estimatedStartAt
        params { prompt negativePrompt model width height steps cfgScale scheduler seed boardId }
      }
    }
  }
`),Qe=H(`
  query QueuePage {
    queueStatus { paused policy pending inProgress completed failed canceled myPending myInProgress }
    running: queueItems(status: IN_PROGRESS, first: 10) {
      id batchId status cost createdAt startedAt completedAt isMine ownerName error position
      estimatedStartAt
      params { prompt negativePrompt model width height steps cfgScale scheduler seed boardId }
    }
    pending: queueItems(status: PENDING, first: 100) {
      id batchId status cost createdAt startedAt completedAt isMine ownerName error position
      estimatedStartAt
      params { prompt negativePrompt model width height steps cfgScale scheduler seed boardId }
    }
  }
`),$e=H(`
  subscription QueueEvents($since: String) {
    queueEvents(since: $since) {
      __typename
      ... on QueueItemStatusChanged {
        cursor
        item {
          id batchId status cost createdAt startedAt completedAt isMine ownerName error position
          estimatedStartAt
          params { prompt negativePrompt model width height steps cfgScale scheduler seed boardId }
        }
        queueStatus { paused policy pending inProgress completed failed canceled myPending myInProgress }
      }
      ... on BatchEnqueued {
        cursor batchId itemCount
        queueStatus { paused policy pending inProgress completed failed canceled myPending myInProgress }
      }
      ... on QueueCleared {
        cursor
        queueStatus { paused policy pending inProgress completed failed canceled myPending myInProgress }
      }
      ... on ProcessorStateChanged {
        cursor
        queueStatus { paused policy pending inProgress completed failed canceled myPending myInProgress }
      }
    }
  }
`),et=H(`
  subscription Progress {
    generationProgress { queueItemId batchId step totalSteps percentage preview }
  }
`),tt=H(`
  subscription ImageAdded {
    imageAdded {
      image {
        id width height starred createdAt queueItemId url thumbnailUrl
        owner { id displayName }
        board { id name }
      }
    }
  }
`),nt=H(`
  mutation CancelItem($id: ID!) {
    cancelQueueItem(id: $id) { id status }
  }
`),rt=H(`
  mutation RetryItems($ids: [ID!]!) {
    retryQueueItems(ids: $ids) {
      id batchId status cost createdAt startedAt completedAt isMine ownerName error position
      estimatedStartAt
      params { prompt negativePrompt model width height steps cfgScale scheduler seed boardId }
    }
  }
`),it=H(`
  mutation ClearQueue { clearQueue }
`),at=H(`
  query GalleryPage($boardId: ID, $uncategorized: Boolean, $after: String) {
    boards(first: 100) {
      id name isPublic archived createdAt myAccess imageCount
      owner { id displayName }
      coverImage { id thumbnailUrl width height }
    }
    images(boardId: $boardId, uncategorized: $uncategorized, first: 100, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges {
        cursor
        node {
          id width height starred createdAt queueItemId url thumbnailUrl
          owner { id displayName }
          board { id name }
        }
      }
    }
  }
`),ot=H(`
  query ImagesPage($boardId: ID, $uncategorized: Boolean, $after: String) {
    images(boardId: $boardId, uncategorized: $uncategorized, first: 100, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges {
        cursor
        node {
          id width height starred createdAt queueItemId url thumbnailUrl
          owner { id displayName }
          board { id name }
        }
      }
    }
  }
`),st=H(`
  query ImageDetail($id: ID!) {
    image(id: $id) {
      id width height sizeBytes starred createdAt metadata queueItemId url thumbnailUrl
      owner { id displayName }
      board { id name myAccess }
    }
  }
`),ct=H(`
  mutation UpdateImage($id: ID!, $starred: Boolean, $boardId: ID, $clearBoard: Boolean) {
    updateImage(id: $id, starred: $starred, boardId: $boardId, clearBoard: $clearBoard) {
      id starred board { id name myAccess }
    }
  }
`),lt=H(`
  mutation DeleteImages($ids: [ID!]!) {
    deleteImages(ids: $ids)
  }
`),ut=H(`
  query Boards {
    boards(first: 100) { id name myAccess archived owner { id displayName } }
  }
`),dt=H(`
  mutation CreateBoard($name: String!) {
    createBoard(name: $name) {
      id name isPublic archived createdAt myAccess imageCount
      owner { id displayName }
      coverImage { id thumbnailUrl width height }
    }
  }
`),ft=H(`
  mutation UpdateBoard($id: ID!, $name: String, $archived: Boolean, $isPublic: Boolean) {
    updateBoard(id: $id, name: $name, archived: $archived, isPublic: $isPublic) {
      id name isPublic archived createdAt myAccess imageCount
      owner { id displayName }
      coverImage { id thumbnailUrl width height }
    }
  }
`),pt=H(`
  mutation DeleteBoard($id: ID!) {
    deleteBoard(id: $id)
  }
`),mt=H(`
  query ProfilePage {
    me { id displayName email isAdmin createdAt lastLoginAt }
    sessions { id createdAt lastSeenAt expiresAt ip userAgent current }
    apiTokens { id name scopes createdAt expiresAt lastUsedAt }
  }
`),ht=H(`
  mutation UpdateMe($input: UpdateMeInput!) {
    updateMe(input: $input) { id displayName email isAdmin }
  }
`),gt=H(`
  mutation RevokeSession($id: ID!) { revokeSession(id: $id) }
`),_t=H(`
  mutation CreateApiToken($name: String!, $scopes: [String!]!, $expiresInDays: Int) {
    createApiToken(name: $name, scopes: $scopes, expiresInDays: $expiresInDays) {
      token
      apiToken { id name scopes createdAt expiresAt lastUsedAt }
    }
  }
`),vt=H(`
  mutation RevokeApiToken($id: ID!) { revokeApiToken(id: $id) }
`),yt=H(`
  query AdminUsersPage {
    users {
      id displayName email isAdmin isActive createdAt lastLoginAt
      stats { boardCount imageCount storageBytes pendingJobs }
      quota { maxPendingJobs maxImagesPerDay maxStorageBytes }
    }
  }
`),bt=H(`
  mutation CreateUser($input: CreateUserInput!) {
    createUser(input: $input) { id }
  }
`),xt=H(`
  mutation UpdateUser($id: ID!, $input: UpdateUserInput!) {
    updateUser(id: $id, input: $input) { id displayName isAdmin isActive }
  }
`),St=H(`
  mutation DeleteUser($id: ID!) { deleteUser(id: $id) }
`),Ct=H(`
  mutation UnlockUser($id: ID!) { unlockUser(id: $id) { id } }
`),U=null,wt=`connecting`,Tt=new Set,Et=!1;function Dt(e,t=!1){wt=e;for(let n of Tt)n(e,t)}function Ot(e){return Tt.add(e),()=>Tt.delete(e)}function kt(){if(U)return U;let e=location.protocol===`https:`?`wss:`:`ws:`;return U=r({url:`${e}//${location.host}/graphql`,lazy:!0,lazyCloseTimeout:2e3,keepAlive:2e4,retryAttempts:1/0,retryWait:async e=>new Promise(t=>setTimeout(t,Math.min(15e3,1e3*2**e)*(.75+Math.random()/2))),shouldRetry:e=>{let t=e?.code;return t!==4401&&t!==4403},connectionParams:()=>{let e=t();return e?{authorization:`Bearer ${e}`}:{}},on:{connecting:()=>Dt(wt===`online`?`offline`:wt),connected:()=>{let e=Et;Et=!0,Dt(`online`,e)},closed:e=>{let t=e;t?.code===4401&&Ve(t.reason||`session has ended`),wt===`online`&&Dt(`offline`)}}}),U}function At(){let e=U;U=null,Et=!1,wt=`connecting`,e?.dispose()}function jt(e,n,r){let i=e=>{e.code===`UNAUTHENTICATED`&&t()&&Ve(e.message),r.error?.(e)};return kt().subscribe({query:e.toString(),variables:n},{next:e=>{let t=e.errors?.[0];t?i(z.from(t)):e.data&&r.next(e.data)},error:e=>{if(Array.isArray(e)&&e[0])i(z.from(e[0]));else if(e&&typeof e==`object`&&`code`in e){let t=e;i(new z(t.code===4401?`UNAUTHENTICATED`:`NETWORK`,t.reason||`closed`))}else i(new z(`NETWORK`,`subscription failed`))},complete:()=>r.complete?.()})}function Mt(e){let t=e,n=new Set;return{get:()=>t,set(e){let r=typeof e==`function`?e(t):e;if(!Object.is(r,t)){t=r;for(let e of[...n])e(t)}},subscribe(e){return n.add(e),()=>n.delete(e)}}}function W(e){let[t,n]=L(e.get);return R(()=>(n(()=>e.get()),e.subscribe(e=>n(()=>e))),[e]),t}var Nt=()=>({status:null,items:new Map,progress:new Map,recentImages:[],connection:`connecting`,notice:null,error:null}),Pt=Mt(Nt()),Ft=50,It=12,Lt=null,Rt=[],zt=null,Bt=0,Vt=0,Ht=0,Ut=new Map,Wt=new Set;function G(e){Pt.set(t=>({...t,...e(t)}))}function Gt(e){let t=[...e.values()].filter(e=>e.status!==`PENDING`&&e.status!==`IN_PROGRESS`);if(t.length<=Ft)return e;t.sort((e,t)=>(e.completedAt??e.createdAt).localeCompare(t.completedAt??t.createdAt));let n=new Map(e);for(let e of t.slice(0,t.length-Ft))n.delete(e.id);return n}function Kt(e){let t=performance.now();for(let n of e)Ut.set(n.id,t);G(t=>{let n=new Map(t.items);for(let t of e)n.set(t.id,t);return{items:Gt(n)}})}async function qt(){let e=performance.now();Bt=Date.now();try{let t=await B(Qe);G(n=>{let r=new Map,i=new Map([...t.running,...t.pending].map(e=>[e.id,e]));for(let[t,a]of n.items)((Ut.get(t)??0)>e||!i.has(t)&&a.status!==`PENDING`&&a.status!==`IN_PROGRESS`)&&r.set(t,a);for(let[e,t]of i)r.has(e)||r.set(e,t);return{items:Gt(r),status:t.queueStatus,error:null}})}catch(e){if(e instanceof z&&e.code===`UNAUTHENTICATED`)return;G(()=>({error:`Could not load the queue. Retrying…`})),Jt(5e3)}}function Jt(e=0){if(zt)return;let t=Math.max(e,1e3-(Date.now()-Bt));zt=setTimeout(()=>{zt=null,qt()},t)}function Yt(e){let t=e.queueEvents;if(Lt=t.cursor,performance.now()<Vt&&(Ht+=1),t.__typename===`QueueItemStatusChanged`){let e=t.item;Kt([e]),e.status!==`IN_PROGRESS`&&G(t=>{if(!t.progress.has(e.id))return{};let n=new Map(t.progress);return n.delete(e.id),{progress:n}})}G(()=>({status:t.queueStatus})),Jt()}function Xt(e){let t=e.generationProgress,n=performance.now();G(e=>{let r=new Map(e.progress),i=r.get(t.queueItemId);return r.set(t.queueItemId,{...t,preview:t.preview??i?.preview??null,receivedAt:n,firstAt:i?.firstAt??n,firstStep:i?.firstStep??t.step}),{progress:r}})}function Zt(e){let t=e.imageAdded.image;G(e=>({recentImages:[t,...e.recentImages.filter(e=>e.id!==t.id)].slice(0,It)}));for(let e of Wt)e(t)}function Qt(e){return Wt.add(e),()=>Wt.delete(e)}function $t(e){let t=!1,n=null,r=a=>{t||n||a?.code===`UNAUTHENTICATED`||(n=setTimeout(()=>{n=null,t||(i=e(r))},1e3))},i=e(r);return()=>{t=!0,n&&clearTimeout(n),i()}}function en(){tn(),Pt.set(Nt()),Lt=null,qt();let e={get since(){return Lt}};Rt=[$t(t=>jt($e,e,{next:Yt,error:t,complete:t})),$t(e=>jt(et,{},{next:Xt,error:e,complete:e})),$t(e=>jt(tt,{},{next:Zt,error:e,complete:e})),Ot((e,t)=>{G(()=>({connection:e,...e===`offline`?{notice:null}:{}})),t&&(Ht=0,Vt=performance.now()+1500,setTimeout(()=>{let e=Ht;G(()=>({notice:e>0?`Reconnected. Caught up on ${e} queue ${e===1?`change`:`changes`} missed while offline.`:`Reconnected.`})),qt()},1500))})]}function tn(){for(let e of Rt)e();Rt=[],zt&&clearTimeout(zt),zt=null,Ut.clear()}function nn(){qt()}var rn=Mt(window.location.pathname+window.location.search);function an(e,t=!1){e!==rn.get()&&(t?history.replaceState(null,``,e):history.pushState(null,``,e),rn.set(e),window.scrollTo(0,0))}window.addEventListener(`popstate`,()=>rn.set(window.location.pathname+window.location.search));function on(){let[e,t=``]=W(rn).split(`?`);return{path:e||`/`,query:new URLSearchParams(t)}}function K(e){e.defaultPrevented||e.button!==0||e.metaKey||e.ctrlKey||e.shiftKey||e.altKey||(e.preventDefault(),an(e.currentTarget.getAttribute(`href`)??`/`))}var q=Mt({kind:`loading`}),sn=``;function cn(){return sn}var ln=new Set;function un(e){return ln.add(e),()=>ln.delete(e)}function dn(e){n(),At();for(let e of[...ln])e();q.set({kind:`signin`,policy:sn,notice:e})}function fn(e){let t=e.toLowerCase();return t.includes(`disabled`)?`Your account has been disabled, so you were signed out.`:t.includes(`expired`)?`Your session expired. Sign in again.`:`Your session has ended: signed out elsewhere, your password or account was changed, or the server's keys were rotated. Sign in again.`}Be(e=>{q.get().kind===`app`&&dn(fn(e))});async function pn(){try{let e=B(Ge);e.catch(()=>{});let{setupStatus:r}=await B(We);if(sn=r.passwordPolicy,!r.multiuserEnabled){let{me:t}=await e;q.set({kind:`app`,viewer:t,multiuser:!1});return}if(r.setupRequired){n(),q.set({kind:`setup`,policy:sn});return}if(!t()){q.set({kind:`signin`,policy:sn,notice:null});return}try{let{me:t}=await e;q.set({kind:`app`,viewer:t,multiuser:!0})}catch(e){if(e instanceof z&&e.code===`UNAUTHENTICATED`){dn(fn(e.message));return}throw e}}catch(e){q.set({kind:`unreachable`,message:Re(e)})}}function mn(t,n,r){e(t,n),At(),q.set({kind:`app`,viewer:r,multiuser:!0})}async function hn(e){try{await B(e?Ye:Je)}catch{}dn(e?`You were signed out on every device.`:`You are signed out.`)}function gn(){let e=()=>{document.visibilityState===`visible`&&B(Ge).catch(()=>{})},t=setInterval(e,6e4);return document.addEventListener(`visibilitychange`,e),()=>{clearInterval(t),document.removeEventListener(`visibilitychange`,e)}}var _n=Symbol.for(`pv`),vn=0;Array.isArray;function J(e,t,n,r,a,o){t||={};var s,c,l=t;if(`ref`in l&&typeof e!=`function`)for(c in l={},t)c==`ref`?s=t[c]:l[c]=t[c];var u={type:e,props:l,key:n,ref:s,__k:null,__:null,__b:0,__e:null,__c:null,constructor:_n,__v:--vn,__i:-1,__u:0};return(a||o)&&(u.__source=a,u.__self=o),i.vnode&&i.vnode(u),u}function Y(e){let t=Oe(),n=e.hint?`${t}-hint`:void 0;return J(`div`,{class:`field ${e.class??``}`,children:[J(`label`,{for:t,children:e.label}),e.children(t,n),e.hint?J(`div`,{class:`hint`,id:n,children:e.hint}):null]})}function yn(e){let t=e instanceof z&&e.code===`RATE_LIMITED`?e.retryAfter??0:0,[n,r]=L(t);return R(()=>{if(r(t),!t)return;let e=Date.now(),n=setInterval(()=>{let i=Math.max(0,t-Math.floor((Date.now()-e)/1e3));r(i),i===0&&clearInterval(n)},250);return()=>clearInterval(n)},[e,t]),n}function X(e){if(!e.error)return null;let t=e.error instanceof z&&e.error.code===`RATE_LIMITED`,n=Re(e.error);return t&&e.secondsLeft!==void 0&&(n=e.secondsLeft>0?`Too many attempts. Try again in ${e.secondsLeft} ${e.secondsLeft===1?`second`:`seconds`}.`:`You can try again now.`),J(`p`,{class:`message error`,role:`alert`,children:n})}function Z(e){return J(`p`,{class:`message ${e.tone??`info`}`,role:`status`,children:e.children})}function bn(e){return J(`p`,{class:`loading`,role:`status`,"aria-live":`polite`,children:[J(`span`,{class:`spinner`,"aria-hidden":`true`}),e.label]})}function xn(e){let[t,n]=L(``),[r,i]=L(null),[a,o]=L(!1);return J(`form`,{class:`new-board`,onSubmit:async r=>{if(r.preventDefault(),t.trim()&&!a){o(!0),i(null);try{let{createBoard:r}=await B(dt,{name:t.trim()});n(``),e.onCreated(r)}catch(e){i(e)}finally{o(!1)}}},children:[J(Y,{label:`New board name`,children:e=>J(`input`,{id:e,type:`text`,maxLength:200,value:t,onInput:e=>n(e.currentTarget.value)})}),J(`button`,{type:`submit`,disabled:!t.trim()||a,children:`Create board`}),J(X,{error:r})]})}function Sn(e){let{board:t}=e,[n,r]=L(t.name),[i,a]=L(null),[o,s]=L(!1);if(R(()=>{r(t.name),s(!1),a(null)},[t.id,t.name]),t.myAccess!==`OWNER`&&t.myAccess!==`ADMIN`)return null;let c=async n=>{a(null);try{let{updateBoard:r}=await B(ft,{id:t.id,...n});e.onChanged(r),r.archived&&an(`/gallery`)}catch(e){a(e)}};return J(`details`,{class:`board-settings`,children:[J(`summary`,{children:`Board settings`}),J(`form`,{class:`inline-form`,onSubmit:e=>{e.preventDefault(),n.trim()&&n.trim()!==t.name&&c({name:n.trim()})},children:[J(Y,{label:`Board name`,children:e=>J(`input`,{id:e,type:`text`,maxLength:200,value:n,onInput:e=>r(e.currentTarget.value)})}),J(`button`,{type:`submit`,disabled:!n.trim()||n.trim()===t.name,children:`Rename`})]}),J(`div`,{class:`check`,children:[J(`input`,{id:`public-${t.id}`,type:`checkbox`,checked:t.isPublic,onChange:e=>void c({isPublic:e.currentTarget.checked})}),J(`label`,{for:`public-${t.id}`,children:`Public (every signed-in user can see it)`})]}),J(`div`,{class:`actions`,children:[J(`button`,{type:`button`,onClick:()=>void c({archived:!0}),children:`Archive board`}),o?J(C,{children:[J(`button`,{type:`button`,class:`destructive`,onClick:async()=>{try{await B(pt,{id:t.id}),e.onChanged(null),an(`/gallery`)}catch(e){a(e)}},children:`Yes, delete the board`}),J(`button`,{type:`button`,onClick:()=>s(!1),children:`Keep it`})]}):J(`button`,{type:`button`,class:`destructive`,onClick:()=>s(!0),children:`Delete board`})]}),J(`p`,{class:`hint`,children:`Deleting a board keeps its images: they go back to Uncategorized.`}),J(X,{error:i})]})}function Cn(e){let t=e.replace(/^\/gallery\/?/,``);return t?t===`uncategorized`?{kind:`uncategorized`}:{kind:`board`,id:decodeURIComponent(t.split(`/`)[0]??``)}:{kind:`all`}}function wn(e,t){return{boardId:e.kind===`board`?e.id:null,uncategorized:e.kind===`uncategorized`,after:t}}function Tn(e){return e.myAccess===`OWNER`?`Mine`:e.myAccess===`ADMIN`&&!e.isPublic?`Everyone else's`:e.isPublic&&e.myAccess===`READ`?`Public`:`Shared with me`}function En(e){let t=new Map;for(let n of e.boards){if(n.archived)continue;let e=Tn(n);t.set(e,[...t.get(e)??[],n])}let n=(e,t,n,r)=>J(`li`,{children:J(`a`,{href:e,onClick:K,class:`board-link`,"aria-current":n?`page`:void 0,children:[r?.coverImage?J(`img`,{src:r.coverImage.thumbnailUrl,alt:``,width:40,height:40,loading:`lazy`,decoding:`async`}):J(`span`,{class:`cover-empty`,"aria-hidden":`true`}),J(`span`,{class:`board-name`,children:t}),r?J(`span`,{class:`count`,"aria-label":`${r.imageCount} images`,children:r.imageCount}):null,r&&r.myAccess!==`OWNER`?J(`span`,{class:`owner`,children:r.owner.displayName}):null]})},e);return J(`nav`,{class:`card boards`,"aria-label":`Boards`,children:[J(`ul`,{children:[n(`/gallery`,`All images`,e.sel.kind===`all`),n(`/gallery/uncategorized`,`Uncategorized`,e.sel.kind===`uncategorized`)]}),[...t].map(([t,r])=>J(`div`,{children:[J(`h3`,{children:t}),J(`ul`,{children:r.map(t=>n(`/gallery/${encodeURIComponent(t.id)}`,t.name,e.sel.kind===`board`&&e.sel.id===t.id,t))})]},t)),J(xn,{onCreated:e.onCreated})]})}function Dn(e,t,n){return t.kind===`all`?!0:t.kind===`uncategorized`?!e.board&&e.owner.id===n:e.board?.id===t.id}function On(){let{path:e}=on(),t=Cn(e),n=JSON.stringify(t),r=W(q),i=r.kind===`app`?r.viewer.id:null,[a,o]=L(null),[s,c]=L([]),[l,u]=L(0),[d,f]=L(null),[p,m]=L(!0),[h,g]=L(null),_=Ee(null),v=Ee(0);R(()=>{let e=++v.current;m(!0),g(null),c([]),B(a?ot:at,wn(t,null)).then(t=>{e===v.current&&(t.boards&&o(t.boards),c(t.images.edges.map(e=>e.node)),u(t.images.totalCount),f(t.images.pageInfo.hasNextPage?t.images.pageInfo.endCursor??null:null),m(!1))},t=>{e===v.current&&(g(t),m(!1))})},[n]),R(()=>Qt(e=>{Dn(e,t,i)&&(c(t=>t.some(t=>t.id===e.id)?t:[e,...t]),u(e=>e+1))}),[n,i]);let y=async()=>{if(!d||p)return;let e=v.current;m(!0);try{let n=await B(ot,wn(t,d));if(e!==v.current)return;c(e=>{let t=new Set(e.map(e=>e.id));return[...e,...n.images.edges.map(e=>e.node).filter(e=>!t.has(e.id))]}),f(n.images.pageInfo.hasNextPage?n.images.pageInfo.endCursor??null:null)}catch(e){g(e)}finally{e===v.current&&m(!1)}};R(()=>{let e=_.current;if(!e||!d||!(`IntersectionObserver`in window))return;let t=new IntersectionObserver(e=>e.some(e=>e.isIntersecting)&&void y(),{rootMargin:`800px`});return t.observe(e),()=>t.disconnect()},[d,p,n]);let b=t.kind===`board`?a?.find(e=>e.id===t.id):void 0,x=t.kind===`all`?`All images`:t.kind===`uncategorized`?`Uncategorized`:b?.name??`Board`;return J(`div`,{class:`gallery-layout`,children:[a?J(En,{boards:a,sel:t,onCreated:e=>{o(t=>[e,...t??[]]),an(`/gallery/${encodeURIComponent(e.id)}`)}}):J(`div`,{class:`card boards`}),J(`section`,{class:`card gallery`,"aria-labelledby":`gallery-title`,children:[J(`div`,{class:`section-head`,children:[J(`h1`,{id:`gallery-title`,children:x}),J(`span`,{class:`muted`,children:l===1?`1 image`:`${l} images`})]}),b?J(Sn,{board:b,onChanged:e=>o(t=>(t??[]).flatMap(t=>t.id===b.id?e&&!e.archived?[e]:[]:[t]))}):null,J(X,{error:h}),s.length===0&&!p&&!h?J(`p`,{class:`muted`,children:`No images here yet.`}):null,J(`ul`,{class:`grid`,"aria-label":`Images`,children:s.map(e=>J(`li`,{children:J(`a`,{href:`/view/${e.id}`,onClick:K,class:`tile`,children:[J(`img`,{src:e.thumbnailUrl,alt:`Image ${e.width}×${e.height}, ${new Date(e.createdAt).toLocaleString()}${e.starred?`, starred`:``}`,width:e.width,height:e.height,loading:`lazy`,decoding:`async`}),e.starred?J(`span`,{class:`star`,"aria-hidden":`true`,children:`★`}):null]})},e.id))}),J(`div`,{ref:_}),p?J(bn,{label:`Loading images…`}):null,d&&!p?J(`button`,{type:`button`,onClick:y,children:`Load more images`}):null]})]})}var kn=`gql-invoke.generate-form`,An={prompt:``,negativePrompt:``,model:``,width:``,height:``,steps:``,cfgScale:``,scheduler:``,seed:``,runs:`1`,boardId:``};function jn(){try{let e=JSON.parse(localStorage.getItem(kn)??`null`);if(e&&typeof e==`object`)return{...An,...e}}catch{}return{...An}}var Q=Mt(jn());Q.subscribe(e=>{try{localStorage.setItem(kn,JSON.stringify(e))}catch{}}),un(()=>Q.set({...An}));var Mn=[`EULER`,`EULER_A`,`DDIM`,`DPMPP_2M`,`LMS`,`PNDM`];function Nn(e,t){let n=e&&typeof e==`object`?e:{},r=e=>e==null?``:String(e),i=Mn.includes(n.scheduler)?n.scheduler:``;Q.set(e=>({...e,prompt:r(n.prompt),negativePrompt:r(n.negativePrompt),model:r(n.model),width:r(n.width),height:r(n.height),steps:r(n.steps),cfgScale:r(n.cfgScale),scheduler:i,seed:r(n.seed),runs:`1`,boardId:t??``}))}var Pn={IN_PROGRESS:0,PENDING:1,FAILED:2,CANCELED:2,COMPLETED:2},Fn={IN_PROGRESS:`Generating`,PENDING:`Waiting`,COMPLETED:`Done`,FAILED:`Failed`,CANCELED:`Canceled`};function In(e){return[...e].sort((e,t)=>Pn[e.status]-Pn[t.status]||(e.status===`PENDING`?(e.position??0)-(t.position??0):e.status===`IN_PROGRESS`?e.createdAt.localeCompare(t.createdAt):(t.completedAt??t.createdAt).localeCompare(e.completedAt??e.createdAt)))}function Ln(e){return e<1?`now`:e<90?`about ${Math.round(e)} s`:e<5400?`about ${Math.round(e/60)} min`:`about ${Math.round(e/3600)} h`}function Rn(e){let[t,n]=L(Date.now());return R(()=>{let t=setInterval(()=>n(Date.now()),e);return()=>clearInterval(t)},[e]),t}function zn(e,t,n){if(e.status===`PENDING`){if(!e.estimatedStartAt)return null;let t=(Date.parse(e.estimatedStartAt)-n)/1e3;return t<=1?`Starts any moment`:`Starts in ${Ln(t)}`}return e.status===`IN_PROGRESS`&&t&&t.step>t.firstStep?`Done in ${Ln((t.receivedAt-t.firstAt)/(t.step-t.firstStep)/1e3*(t.totalSteps-t.step))}`:null}function Bn(e){let{item:t,progress:n}=e,r=t.ownerName&&t.ownerName!==`<hidden>`?t.ownerName:null,i=t.params?.prompt??(r?`${r}'s generation`:`Someone else's generation`),a=t.status===`PENDING`||t.status===`IN_PROGRESS`,o=async t=>{try{await t()}catch(t){e.onError(Re(t))}},s=zn(t,n,e.now);return J(`li`,{class:`queue-item ${t.isMine?`mine`:`theirs`} status-${t.status.toLowerCase()}`,"aria-label":`${Fn[t.status]}: ${i}`,children:[J(`div`,{class:`queue-main`,children:[J(`div`,{class:`queue-title`,children:i}),J(`div`,{class:`queue-meta`,children:[J(`span`,{class:`status`,children:Fn[t.status]}),t.status===`PENDING`&&t.position!==null&&t.position!==void 0?J(`span`,{children:[`#`,t.position+1,` in line`]}):null,s?J(`span`,{children:s}):null,!t.isMine&&r&&t.params?J(`span`,{children:r}):null,t.params?J(`span`,{children:[t.params.width,`×`,t.params.height,`, `,t.params.steps,` steps, seed `,t.params.seed]}):null]}),t.status===`IN_PROGRESS`?J(`div`,{class:`progress-row`,children:[J(`progress`,{max:100,value:n?.percentage??0,"aria-label":`Progress of ${i}`}),J(`span`,{class:`step`,children:n?`Step ${n.step} of ${n.totalSteps}`:`Starting…`})]}):null,t.error?J(`p`,{class:`message error small`,children:t.error}):null]}),t.status===`IN_PROGRESS`&&n?.preview?J(`img`,{class:`preview`,src:n.preview,alt:`Live preview of ${i}`,width:64,height:64}):null,e.canManage?J(`div`,{class:`queue-actions`,children:[a?J(`button`,{type:`button`,onClick:()=>o(()=>B(nt,{id:t.id})),children:`Cancel`}):null,t.status===`FAILED`||t.status===`CANCELED`?J(`button`,{type:`button`,onClick:()=>o(async()=>{let{retryQueueItems:e}=await B(rt,{ids:[t.id]});Kt(e)}),children:`Retry`}):null]}):null]})}function Vn(){let{status:e}=W(Pt);return e?J(`span`,{class:`badge`,title:`Your pending generations / everyone's`,"aria-label":`Pending: ${e.myPending} mine of ${e.pending} in all`,children:[e.myPending,`/`,e.pending]}):null}function Hn(e){let t=W(Pt),n=W(q),r=n.kind===`app`&&n.viewer.isAdmin,i=Rn(1e3),[a,o]=L(null),s=In(t.items.values()),c=t.status?.myPending??0;async function l(){o(null);try{let e=0;if(r){let t=s.filter(e=>e.isMine&&e.status===`PENDING`);for(let e of t)await B(nt,{id:e.id});e=t.length}else e=(await B(it)).clearQueue;o(`Removed ${e} pending ${e===1?`item`:`items`}.`),nn()}catch(e){o(Re(e))}}return J(`section`,{class:`card queue`,"aria-labelledby":`queue-title`,children:[J(`div`,{class:`section-head`,children:[e.standalone?J(`h1`,{id:`queue-title`,children:[`Queue `,J(Vn,{})]}):J(`h2`,{id:`queue-title`,children:[`Queue `,J(Vn,{})]}),J(`button`,{type:`button`,onClick:l,disabled:c===0,children:`Clear my pending`})]}),t.status?.paused?J(Z,{tone:`warn`,children:`The queue is paused by an administrator.`}):null,t.connection===`offline`?J(Z,{tone:`warn`,children:`Connection lost. Reconnecting…`}):null,t.notice&&t.connection===`online`?J(Z,{tone:`ok`,children:t.notice}):null,t.error?J(Z,{tone:`warn`,children:t.error}):null,a?J(Z,{children:a}):null,s.length===0?J(`p`,{class:`muted`,children:`Nothing in the queue.`}):J(`ul`,{class:`queue-list`,"aria-label":`Queue items`,children:s.map(e=>J(Bn,{item:e,progress:t.progress.get(e.id),now:i,canManage:e.isMine||r,onError:o},e.id))})]})}function Un(){let{recentImages:e}=W(Pt);return e.length===0?null:J(`section`,{class:`card`,"aria-labelledby":`recent-title`,children:[J(`h2`,{id:`recent-title`,children:`New images`}),J(`ul`,{class:`thumb-strip`,children:e.map(e=>J(`li`,{children:J(`a`,{href:`/view/${e.id}`,onClick:K,"aria-label":`Open image ${e.width}×${e.height} from ${new Date(e.createdAt).toLocaleTimeString()}`,children:J(`img`,{src:e.thumbnailUrl,alt:``,width:96,height:96,loading:`lazy`,decoding:`async`})})},e.id))})]})}var Wn=0x7fffffff;function Gn(e){return e?.defaults&&typeof e.defaults==`object`?e.defaults:{}}function Kn(e){let t=Gn(e),n=[];return t.width&&t.height&&n.push(`${t.width}×${t.height}`),t.steps&&n.push(`${t.steps} steps`),t.cfgScale!==void 0&&n.push(`CFG ${t.cfgScale}`),t.scheduler&&n.push(t.scheduler),n.join(`, `)}function qn(e,t){let n=Gn(t),r=e=>e==null?``:String(e);return{...e,width:r(n.width),height:r(n.height),steps:r(n.steps),cfgScale:r(n.cfgScale),scheduler:n.scheduler&&Mn.includes(n.scheduler)?n.scheduler:``}}function Jn(e){if(!e.prompt.trim())return`Write a prompt first.`;let t=e=>e.trim()===``?null:Number(e),n=t(e.width),r=t(e.height);for(let[e,t]of[[`Width`,n],[`Height`,r]])if(t!==null&&(!Number.isInteger(t)||t<64||t>2048||t%8!=0))return`${e} must be a multiple of 8 from 64 to 2048.`;let i=t(e.steps);if(i!==null&&(!Number.isInteger(i)||i<1||i>150))return`Steps must be a whole number from 1 to 150.`;let a=t(e.cfgScale);if(a!==null&&(!Number.isFinite(a)||a<0||a>30))return`CFG scale must be from 0 to 30.`;let o=t(e.seed);if(o!==null&&(!Number.isInteger(o)||o<0||o>Wn))return`Seed must be a whole number from 0 to ${Wn}.`;let s=t(e.runs)??1;return!Number.isInteger(s)||s<1||s>100?`Runs must be a whole number from 1 to 100.`:{runs:s,input:{prompt:e.prompt,negativePrompt:e.negativePrompt,model:e.model||null,width:n,height:r,steps:i,cfgScale:a,scheduler:e.scheduler||null,seed:o,boardId:e.boardId||null}}}function Yn(e,t){let n=(e,t)=>t.trim()?t.includes(`{prompt}`)?t.split(`{prompt}`).join(e):e.trim()?`${e.trim()}, ${t}`:t:e;return{...e,prompt:n(e.prompt,t.positivePrompt),negativePrompt:n(e.negativePrompt,t.negativePrompt)}}function Xn(){let e=W(Q),[t,n]=L(null),[r,i]=L(null),[a,o]=L(null),[s,c]=L(null),[l,u]=L(null),[d,f]=L(!1),p=e=>Q.set(t=>({...t,...e}));R(()=>{B(Xe).then(n,i)},[]);let m=De(()=>(t?.models??[]).filter(e=>e.type===`MAIN`),[t]),h=m.find(t=>t.key===e.model)??m.find(e=>e.isDefault),g=(t?.boards??[]).filter(e=>!e.archived&&e.myAccess!==`READ`);R(()=>{if(!t)return;let e=Q.get();e.model&&!m.some(t=>t.key===e.model)?Q.set(qn({...e,model:``},h)):!e.width&&!e.steps&&Q.set(qn(e,h)),e.boardId&&!g.some(t=>t.id===e.boardId)&&Q.set(e=>({...e,boardId:``}))},[t]);async function _(e){e.preventDefault(),o(null),u(null);let t=Jn(Q.get());if(typeof t==`string`)c(t);else{c(null),f(!0);try{let{enqueue:e}=await B(Ze,{input:{generation:t.input,runs:t.runs}});Kt(e.items);let n=e.items.length;u(`Queued ${n} ${n===1?`image`:`images`}.`)}catch(e){o(e)}finally{f(!1)}}}let v=(t,n,r,i)=>J(Y,{label:t,hint:i,children:(t,i)=>J(`input`,{id:t,type:`number`,inputMode:`numeric`,"aria-describedby":i,value:e[n],onInput:e=>p({[n]:e.currentTarget.value}),...r})});return J(`div`,{class:`generate-layout`,children:[J(`section`,{class:`card`,"aria-labelledby":`generate-title`,children:[J(`h1`,{id:`generate-title`,children:`Generate`}),r?J(X,{error:r}):null,J(`form`,{onSubmit:_,class:`generate-form`,noValidate:!0,children:[J(Y,{label:`Prompt`,children:t=>J(`textarea`,{id:t,rows:3,required:!0,value:e.prompt,onInput:e=>p({prompt:e.currentTarget.value})})}),J(Y,{label:`Negative prompt`,children:t=>J(`textarea`,{id:t,rows:2,value:e.negativePrompt,onInput:e=>p({negativePrompt:e.currentTarget.value})})}),t&&t.stylePresets.length>0?J(`fieldset`,{class:`presets`,children:[J(`legend`,{children:`Style presets`}),t.stylePresets.map(e=>J(`button`,{type:`button`,class:`chip`,"aria-label":`Apply style preset ${e.name}`,title:[e.positivePrompt,e.negativePrompt&&`Negative: ${e.negativePrompt}`].filter(Boolean).join(`
`),onClick:()=>Q.set(t=>Yn(t,e)),children:e.name},e.id))]}):null,J(Y,{label:`Model`,hint:h?`Defaults: ${Kn(h)||`none`}${h.description?` · ${h.description}`:``}`:void 0,children:(n,r)=>J(`select`,{id:n,"aria-describedby":r,value:e.model||h?.key||``,disabled:!t,onChange:e=>{let t=e.currentTarget.value,n=m.find(e=>e.key===t)??m.find(e=>e.isDefault);Q.set(e=>qn({...e,model:t},n))},children:[t?null:J(`option`,{value:``,children:`Loading models…`}),m.map(e=>J(`option`,{value:e.key,children:[e.name,e.isDefault?` (default)`:``,` — `,Kn(e)]},e.key))]})}),J(`div`,{class:`row`,children:[v(`Width`,`width`,{min:64,max:2048,step:8}),v(`Height`,`height`,{min:64,max:2048,step:8})]}),J(`div`,{class:`row`,children:[v(`Steps`,`steps`,{min:1,max:150,step:1}),v(`CFG scale`,`cfgScale`,{min:0,max:30,step:.5,inputMode:`decimal`})]}),J(Y,{label:`Scheduler`,children:t=>J(`select`,{id:t,value:e.scheduler,onChange:e=>p({scheduler:e.currentTarget.value}),children:[J(`option`,{value:``,children:[`Model default`,Gn(h).scheduler?` (${Gn(h).scheduler})`:``]}),Mn.map(e=>J(`option`,{value:e,children:e},e))]})}),J(`div`,{class:`row seed-row`,children:[J(Y,{label:`Seed`,hint:`Empty: a random seed each time.`,children:(t,n)=>J(`div`,{class:`with-button`,children:[J(`input`,{id:t,type:`number`,inputMode:`numeric`,min:0,max:Wn,"aria-describedby":n,value:e.seed,onInput:e=>p({seed:e.currentTarget.value})}),J(`button`,{type:`button`,"aria-label":`Random seed`,title:`Pick a random seed`,onClick:()=>p({seed:String(Math.floor(Math.random()*Wn))}),children:`Random`})]})}),v(`Runs`,`runs`,{min:1,max:100,step:1},`Seeds count up from the seed.`)]}),J(Y,{label:`Board`,children:t=>J(`select`,{id:t,value:e.boardId,onChange:e=>p({boardId:e.currentTarget.value}),children:[J(`option`,{value:``,children:`Uncategorized`}),g.map(e=>J(`option`,{value:e.id,children:[e.name,e.myAccess===`OWNER`?``:` (${e.owner.displayName})`]},e.id))]})}),s?J(`p`,{class:`message error`,role:`alert`,children:s}):null,J(X,{error:a}),l?J(Z,{tone:`ok`,children:l}):null,J(`button`,{type:`submit`,class:`primary`,disabled:d,children:d?`Queuing…`:`Generate`})]})]}),J(`div`,{class:`side`,children:[J(Hn,{}),J(Un,{})]})]})}var Zn=[[`prompt`,`Prompt`],[`negativePrompt`,`Negative prompt`],[`model`,`Model`],[`width`,`Width`],[`height`,`Height`],[`steps`,`Steps`],[`cfgScale`,`CFG scale`],[`scheduler`,`Scheduler`],[`seed`,`Seed`]];function Qn(e){return e==null||e===``?`—`:typeof e==`object`?JSON.stringify(e):String(e)}function $n(e){let t=W(q),n=t.kind===`app`?t.viewer:null,[r,i]=L(null),[a,o]=L([]),[s,c]=L(null),[l,u]=L(!1),[d,f]=L(``),[p,m]=L(!1),[h,g]=L(null);R(()=>{i(null),u(!1),B(st,{id:e.id}).then(e=>e.image?i(e.image):u(!0),e=>e?.code===`NOT_FOUND`?u(!0):c(e))},[e.id]);let _=!!r&&!!n&&(r.owner.id===n.id||n.isAdmin);if(R(()=>{_&&B(ut).then(e=>o(e.boards.filter(e=>!e.archived&&e.myAccess!==`READ`)),()=>{})},[_]),l)return J(`p`,{class:`message error`,role:`alert`,children:`This image does not exist, or you cannot see it.`});if(!r)return s?J(X,{error:s}):J(bn,{label:`Loading image…`});let v=!r.board||r.board.myAccess!==`READ`,y=r.metadata&&typeof r.metadata==`object`?r.metadata:{},b=async e=>{c(null),g(null);try{await e()}catch(e){c(e)}},x=r.board?`/gallery/${encodeURIComponent(r.board.id)}`:`/gallery`;return J(`div`,{class:`image-layout`,children:[J(`figure`,{class:`card image-figure`,children:[J(`img`,{src:r.url,alt:`Generated image: ${Qn(y.prompt)}`,width:r.width,height:r.height}),J(`figcaption`,{children:[r.width,`×`,r.height,`, `,Math.round(r.sizeBytes/1024),` KB, by `,r.owner.displayName,`, `,new Date(r.createdAt).toLocaleString()]})]}),J(`section`,{class:`card`,"aria-labelledby":`image-title`,children:[J(`div`,{class:`section-head`,children:[J(`h1`,{id:`image-title`,children:`Image`}),J(`a`,{href:x,onClick:K,children:[`Back to `,r.board?r.board.name:`gallery`]})]}),J(`dl`,{class:`meta`,children:[Zn.map(([e,t])=>J(`div`,{children:[J(`dt`,{children:t}),J(`dd`,{children:Qn(y[e])})]},e)),J(`div`,{children:[J(`dt`,{children:`Board`}),J(`dd`,{children:r.board?r.board.name:`Uncategorized`})]})]}),J(`div`,{class:`actions`,children:[J(`button`,{type:`button`,class:`primary`,onClick:()=>{Nn(r.metadata,r.board&&r.board.myAccess!==`READ`?r.board.id:null),an(`/`)},children:`Use these settings`}),J(`button`,{type:`button`,"aria-pressed":r.starred,disabled:!v,onClick:()=>b(async()=>{let{updateImage:e}=await B(ct,{id:r.id,starred:!r.starred});i({...r,starred:e.starred})}),children:r.starred?`★ Starred`:`☆ Star`}),J(`a`,{class:`button`,href:r.url,download:`gql-invoke-${r.id}.png`,children:`Download`})]}),_?J(`form`,{class:`move`,onSubmit:e=>{e.preventDefault(),b(async()=>{let{updateImage:e}=await B(ct,d?{id:r.id,boardId:d}:{id:r.id,clearBoard:!0});i({...r,board:e.board??null}),g(`Moved to ${e.board?e.board.name:`Uncategorized`}.`)})},children:[J(Y,{label:`Move to board`,children:e=>J(`select`,{id:e,value:d,onChange:e=>f(e.currentTarget.value),children:[J(`option`,{value:``,children:`Uncategorized`}),a.map(e=>J(`option`,{value:e.id,children:[e.name,e.myAccess===`OWNER`?``:` (${e.owner.displayName})`]},e.id))]})}),J(`button`,{type:`submit`,children:`Move`})]}):null,v?J(`div`,{class:`danger`,children:p?J(C,{children:[J(`span`,{children:`Delete this image for good?`}),J(`button`,{type:`button`,class:`destructive`,onClick:()=>b(async()=>{await B(lt,{ids:[r.id]}),an(x)}),children:`Yes, delete`}),J(`button`,{type:`button`,onClick:()=>m(!1),children:`Keep it`})]}):J(`button`,{type:`button`,class:`destructive`,onClick:()=>m(!0),children:`Delete`})}):null,J(X,{error:s}),h?J(Z,{tone:`ok`,children:h}):null]})]})}var er=[{label:`at least 8 characters`,ok:e=>[...e].length>=8},{label:`at most 256 characters`,ok:e=>[...e].length<=256},{label:`an upper-case letter`,ok:e=>/\p{Lu}/u.test(e)},{label:`a lower-case letter`,ok:e=>/\p{Ll}/u.test(e)},{label:`a digit`,ok:e=>/\p{Nd}/u.test(e)}];function tr(e){return er.filter(t=>!t.ok(e)).map(e=>e.label)}function nr(e){return J(C,{children:[J(`span`,{children:e.policy}),J(`ul`,{class:`checklist`,"aria-live":`polite`,children:er.map(t=>{let n=t.ok(e.password);return J(`li`,{class:n?`ok`:`todo`,children:[J(`span`,{"aria-hidden":`true`,children:n?`✓`:`•`}),` `,t.label,J(`span`,{class:`sr-only`,children:n?` (met)`:` (not met yet)`})]},t.label)})})]})}var rr=e=>`${(e/1024/1024).toFixed(1)} MB`;function ir(e){let[t,n]=L(``),[r,i]=L(``),[a,o]=L(``),[s,c]=L(!1),[l,u]=L(null),d=t.trim()&&r.trim()&&tr(a).length===0;return J(`form`,{onSubmit:async l=>{if(l.preventDefault(),d){u(null);try{await B(bt,{input:{email:t.trim(),displayName:r.trim(),password:a,isAdmin:s}}),n(``),i(``),o(``),c(!1),e.onCreated()}catch(e){u(e)}}},children:[J(`h2`,{children:`New user`}),J(Y,{label:`Email`,children:e=>J(`input`,{id:e,type:`email`,autocomplete:`off`,value:t,onInput:e=>n(e.currentTarget.value)})}),J(Y,{label:`Display name`,children:e=>J(`input`,{id:e,type:`text`,value:r,onInput:e=>i(e.currentTarget.value)})}),J(Y,{label:`Initial password`,hint:J(nr,{policy:e.policy,password:a}),children:(e,t)=>J(`input`,{id:e,type:`password`,autocomplete:`new-password`,"aria-describedby":t,value:a,onInput:e=>o(e.currentTarget.value)})}),J(`div`,{class:`check`,children:[J(`input`,{id:`new-user-admin`,type:`checkbox`,checked:s,onChange:e=>c(e.currentTarget.checked)}),J(`label`,{for:`new-user-admin`,children:`Administrator`})]}),J(`button`,{type:`submit`,class:`primary`,disabled:!d,children:`Create user`}),J(X,{error:l})]})}function ar(e){let{user:t}=e,[n,r]=L(null),[i,a]=L(null),[o,s]=L(!1),[c,l]=L(``),[u,d]=L(null),f=async(t,n)=>{r(null),a(null);try{await t(),a(n),e.reload()}catch(e){r(e)}},p=(e,n)=>f(()=>B(xt,{id:t.id,input:e}),n);return J(`li`,{"aria-label":`User ${t.displayName}`,children:[J(`strong`,{children:t.displayName}),J(`span`,{class:`muted`,children:t.email}),t.isAdmin?J(`span`,{class:`badge`,children:`admin`}):null,t.isActive?null:J(`span`,{class:`badge off`,children:`disabled`}),J(`div`,{class:`muted small`,children:[t.stats?`${t.stats.imageCount} images, ${t.stats.boardCount} boards, ${rr(t.stats.storageBytes)}, ${t.stats.pendingJobs} pending · `:``,`last sign-in `,t.lastLoginAt?new Date(t.lastLoginAt).toLocaleString():`never`]}),J(`div`,{class:`actions`,children:[e.self?null:J(C,{children:[J(`button`,{type:`button`,onClick:()=>p({isAdmin:!t.isAdmin},t.isAdmin?`No longer an administrator.`:`Now an administrator.`),children:t.isAdmin?`Remove admin`:`Make admin`}),J(`button`,{type:`button`,onClick:()=>p({isActive:!t.isActive},t.isActive?`Disabled; their sessions ended.`:`Enabled.`),children:t.isActive?`Disable`:`Enable`})]}),J(`button`,{type:`button`,onClick:()=>f(()=>B(Ct,{id:t.id}),`Sign-in failures cleared.`),children:`Unlock`}),J(`button`,{type:`button`,"aria-expanded":o,onClick:()=>s(!o),children:`Reset password`}),e.self?null:J(`button`,{type:`button`,class:`destructive`,onClick:()=>d(``),children:`Delete`})]}),o?J(`form`,{class:`inline-form`,onSubmit:e=>{e.preventDefault(),p({password:c},`Password reset; their sessions ended.`).then(()=>{l(``),s(!1)})},children:[J(Y,{label:`New password for ${t.displayName}`,children:e=>J(`input`,{id:e,type:`password`,autocomplete:`new-password`,value:c,onInput:e=>l(e.currentTarget.value)})}),J(`button`,{type:`submit`,disabled:tr(c).length>0,children:`Set password`})]}):null,u===null?null:J(`form`,{class:`inline-form`,onSubmit:e=>{e.preventDefault(),u===t.email&&f(()=>B(St,{id:t.id}),`Deleted.`)},children:[J(Y,{label:`Type ${t.email} to delete this user and everything they own`,children:e=>J(`input`,{id:e,type:`text`,autocomplete:`off`,value:u,onInput:e=>d(e.currentTarget.value)})}),J(`button`,{type:`submit`,class:`destructive`,disabled:u!==t.email,children:`Delete for good`}),J(`button`,{type:`button`,onClick:()=>d(null),children:`Keep`})]}),J(X,{error:n}),i?J(Z,{tone:`ok`,children:i}):null]})}function or(e){let[t,n]=L(null),[r,i]=L(null),a=()=>B(yt).then(e=>n(e.users),i);return R(()=>void a(),[]),J(`div`,{class:`profile-layout`,children:[J(`section`,{class:`card`,"aria-labelledby":`users-title`,children:[J(`h1`,{id:`users-title`,children:`Users`}),J(X,{error:r}),t?J(`ul`,{class:`plain-list`,"aria-label":`Users`,children:t.map(t=>J(ar,{user:t,self:t.id===e.viewerId,reload:a},t.id))}):J(bn,{label:`Loading users…`})]}),J(`section`,{class:`card`,children:J(ir,{policy:e.policy,onCreated:a})})]})}var $=e=>e?new Date(e).toLocaleString():`never`,sr=[`read`,`generate`,`manage`,`admin`];function cr(e){let[t,n]=L(e.name),[r,i]=L(null),[a,o]=L(!1);return J(`form`,{class:`inline-form`,onSubmit:async n=>{n.preventDefault(),i(null),o(!1);try{let{updateMe:n}=await B(ht,{input:{displayName:t.trim()}});e.onSaved(n.displayName),o(!0)}catch(e){i(e)}},children:[J(Y,{label:`Display name`,children:e=>J(`input`,{id:e,type:`text`,maxLength:100,value:t,onInput:e=>n(e.currentTarget.value)})}),J(`button`,{type:`submit`,disabled:!t.trim()||t.trim()===e.name,children:`Save name`}),J(X,{error:r}),a?J(Z,{tone:`ok`,children:`Saved.`}):null]})}function lr(e){let[t,n]=L(``),[r,i]=L(``),[a,o]=L(``),[s,c]=L(null),[l,u]=L(!1),d=t&&tr(r).length===0&&r===a;return J(`form`,{onSubmit:async e=>{if(e.preventDefault(),d){c(null),u(!1);try{await B(ht,{input:{currentPassword:t,newPassword:r}}),n(``),i(``),o(``),u(!0)}catch(e){c(e)}}},children:[J(Y,{label:`Current password`,children:e=>J(`input`,{id:e,type:`password`,autocomplete:`current-password`,value:t,onInput:e=>n(e.currentTarget.value)})}),J(Y,{label:`New password`,hint:J(nr,{policy:e.policy,password:r}),children:(e,t)=>J(`input`,{id:e,type:`password`,autocomplete:`new-password`,"aria-describedby":t,value:r,onInput:e=>i(e.currentTarget.value)})}),J(Y,{label:`Repeat new password`,hint:a&&a!==r?`The two passwords are not the same.`:void 0,children:(e,t)=>J(`input`,{id:e,type:`password`,autocomplete:`new-password`,"aria-describedby":t,value:a,onInput:e=>o(e.currentTarget.value)})}),J(`button`,{type:`submit`,disabled:!d,children:`Change password`}),J(X,{error:s}),l?J(Z,{tone:`ok`,children:`Password changed. Your other sessions and API tokens were signed out.`}):null]})}function ur(e){let[t,n]=L(``),[r,i]=L([`read`]),[a,o]=L(`90`),[s,c]=L(null),[l,u]=L(!1),[d,f]=L(null),p=(e,t)=>i(n=>t?[...new Set([...n,e])]:n.filter(t=>t!==e));return J(C,{children:[e.tokens.length?J(`ul`,{class:`plain-list`,"aria-label":`API tokens`,children:e.tokens.map(t=>J(`li`,{"aria-label":`API token ${t.name}`,children:[J(`strong`,{children:t.name}),` `,J(`span`,{class:`muted`,children:[`(`,t.scopes.join(`, `),`)`]}),J(`div`,{class:`muted small`,children:[`Created `,$(t.createdAt),` · expires `,t.expiresAt?$(t.expiresAt):`never`,` · last used `,$(t.lastUsedAt)]}),J(`button`,{type:`button`,class:`destructive`,onClick:()=>B(vt,{id:t.id}).then(e.reload,f),children:`Revoke`})]},t.id))}):J(`p`,{class:`muted`,children:`No API tokens.`}),J(`form`,{class:`token-form`,onSubmit:async i=>{i.preventDefault(),f(null),u(!1);try{let i=a.trim()===``?null:Number(a),{createApiToken:o}=await B(_t,{name:t.trim(),scopes:r,expiresInDays:i});c(o.token),n(``),e.reload()}catch(e){f(e)}},children:[J(`h3`,{children:`New API token`}),J(Y,{label:`Token name`,children:e=>J(`input`,{id:e,type:`text`,maxLength:100,value:t,onInput:e=>n(e.currentTarget.value)})}),J(`fieldset`,{class:`scopes`,children:[J(`legend`,{children:`Scopes`}),sr.filter(t=>t!==`admin`||e.isAdmin).map(e=>J(`div`,{class:`check`,children:[J(`input`,{id:`scope-${e}`,type:`checkbox`,checked:r.includes(e),onChange:t=>p(e,t.currentTarget.checked)}),J(`label`,{for:`scope-${e}`,children:e})]},e))]}),J(Y,{label:`Expires in days`,hint:`Empty: never expires.`,children:(e,t)=>J(`input`,{id:e,type:`number`,min:1,"aria-describedby":t,value:a,onInput:e=>o(e.currentTarget.value)})}),J(`button`,{type:`submit`,disabled:!t.trim()||r.length===0,children:`Create token`})]}),s?J(`div`,{class:`secret`,role:`status`,children:[J(`p`,{children:`Copy the token now: it is shown only once.`}),J(`code`,{children:s}),J(`button`,{type:`button`,onClick:()=>navigator.clipboard?.writeText(s).then(()=>u(!0),()=>u(!1)),children:l?`Copied`:`Copy token`})]}):null,J(X,{error:d})]})}function dr(e){let[t,n]=L(null),[r,i]=L(null),a=()=>B(mt).then(n,i);return R(()=>void a(),[]),t?J(`div`,{class:`profile-layout`,children:[J(`section`,{class:`card`,"aria-labelledby":`profile-title`,children:[J(`h1`,{id:`profile-title`,children:`Your account`}),J(`p`,{class:`muted`,children:[t.me.email,t.me.isAdmin?` · administrator`:``,` · member since `,$(t.me.createdAt)]}),J(cr,{name:t.me.displayName,onSaved:e=>{let t=q.get();t.kind===`app`&&q.set({...t,viewer:{...t.viewer,displayName:e}})}}),J(`h2`,{children:`Password`}),J(lr,{policy:e.policy})]}),J(`section`,{class:`card`,"aria-labelledby":`sessions-title`,children:[J(`h2`,{id:`sessions-title`,children:`Signed-in sessions`}),J(`ul`,{class:`plain-list`,"aria-label":`Sessions`,children:t.sessions.map(e=>J(`li`,{children:[J(`strong`,{children:e.userAgent||`Unknown client`}),e.current?J(`span`,{class:`badge`,children:`this one`}):null,J(`div`,{class:`muted small`,children:[e.ip??`unknown address`,` · signed in `,$(e.createdAt),` · last seen `,$(e.lastSeenAt),` · until `,$(e.expiresAt)]}),e.current?null:J(`button`,{type:`button`,onClick:()=>B(gt,{id:e.id}).then(a,i),children:`Sign out this session`})]},e.id))}),J(`h2`,{children:`API tokens`}),J(ur,{tokens:t.apiTokens,isAdmin:t.me.isAdmin,reload:a}),J(X,{error:r})]})]}):r?J(X,{error:r}):J(bn,{label:`Loading your account…`})}function fr(e){let[t,n]=L(``),[r,i]=L(``),[a,o]=L(``),[s,c]=L(``),[l,u]=L(null),[d,f]=L(!1),p=yn(l),m=tr(a),h=s.length>0&&s!==a,g=t.trim()&&r.trim()&&m.length===0&&s===a;async function _(e){if(e.preventDefault(),g&&!d){f(!0),u(null);try{let{setup:e}=await B(Ke,{input:{email:t.trim(),displayName:r.trim(),password:a}});mn(e.token,!1,e.user)}catch(e){u(e),f(!1)}}}return J(`main`,{class:`auth-page`,children:J(`form`,{class:`card auth-card`,onSubmit:_,"aria-labelledby":`setup-title`,noValidate:!0,children:[J(`h1`,{id:`setup-title`,children:`Create administrator account`}),J(`p`,{class:`muted`,children:`This server has no administrator yet. The account you create here manages users, models and the queue.`}),J(Y,{label:`Email`,children:e=>J(`input`,{id:e,type:`email`,autocomplete:`username`,required:!0,value:t,onInput:e=>n(e.currentTarget.value)})}),J(Y,{label:`Display name`,children:e=>J(`input`,{id:e,type:`text`,autocomplete:`name`,required:!0,maxLength:100,value:r,onInput:e=>i(e.currentTarget.value)})}),J(Y,{label:`Password`,hint:J(nr,{policy:e.policy,password:a}),children:(e,t)=>J(`input`,{id:e,type:`password`,autocomplete:`new-password`,required:!0,"aria-describedby":t,"aria-invalid":a.length>0&&m.length>0,value:a,onInput:e=>o(e.currentTarget.value)})}),J(Y,{label:`Confirm password`,hint:h?`The two passwords are not the same.`:void 0,children:(e,t)=>J(`input`,{id:e,type:`password`,autocomplete:`new-password`,required:!0,"aria-describedby":t,"aria-invalid":h,value:s,onInput:e=>c(e.currentTarget.value)})}),J(X,{error:l,secondsLeft:p}),J(`button`,{type:`submit`,class:`primary`,disabled:!g||d||p>0,children:d?`Creating…`:`Create administrator account`})]})})}var pr=[{href:`/`,label:`Generate`},{href:`/queue`,label:`Queue`},{href:`/gallery`,label:`Gallery`}];function mr(e){let{path:t}=on(),[n,r]=L(!1),i=e.multiuser&&e.viewer.isAdmin?[...pr,{href:`/admin/users`,label:`Users`}]:pr,a=e=>e===`/`?t===`/`:t===e||t.startsWith(`${e}/`),o=async e=>{r(!0),await hn(e)};return J(C,{children:[J(`a`,{class:`skip`,href:`#main`,children:`Skip to content`}),J(`header`,{class:`topbar`,children:[J(`a`,{class:`brand`,href:`/`,onClick:K,children:`gql-invoke`}),J(`nav`,{"aria-label":`Main`,children:J(`ul`,{children:i.map(e=>J(`li`,{children:J(`a`,{href:e.href,onClick:K,"aria-current":a(e.href)?`page`:void 0,children:[e.label,e.href===`/queue`?J(Vn,{}):null]})},e.href))})}),J(`div`,{class:`account`,children:e.multiuser?J(C,{children:[J(`a`,{class:`who`,href:`/account`,onClick:K,title:`${e.viewer.email}: your account`,"aria-current":a(`/account`)?`page`:void 0,children:[e.viewer.displayName,e.viewer.isAdmin?` (admin)`:``]}),J(`button`,{type:`button`,disabled:n,onClick:()=>o(!1),children:`Sign out`}),J(`button`,{type:`button`,disabled:n,onClick:()=>o(!0),children:`Sign out everywhere`})]}):J(`span`,{class:`who`,children:`Single-user mode`})})]}),J(`main`,{id:`main`,tabIndex:-1,children:e.children})]})}function hr(e){let[t,n]=L(``),[r,i]=L(``),[a,o]=L(!1),[s,c]=L(null),[l,u]=L(!1),d=yn(s);async function f(e){if(e.preventDefault(),!(l||d>0)){u(!0),c(null);try{let{login:e}=await B(qe,{input:{email:t.trim(),password:r,rememberMe:a}});mn(e.token,a,e.user)}catch(e){c(e),u(!1)}}}return J(`main`,{class:`auth-page`,children:J(`form`,{class:`card auth-card`,onSubmit:f,"aria-labelledby":`signin-title`,children:[J(`h1`,{id:`signin-title`,children:`Sign in`}),e.notice&&!s?J(Z,{tone:`warn`,children:e.notice}):null,J(Y,{label:`Email`,children:e=>J(`input`,{id:e,type:`email`,autocomplete:`username`,required:!0,value:t,onInput:e=>n(e.currentTarget.value)})}),J(Y,{label:`Password`,children:e=>J(`input`,{id:e,type:`password`,autocomplete:`current-password`,required:!0,value:r,onInput:e=>i(e.currentTarget.value)})}),J(`div`,{class:`check`,children:[J(`input`,{id:`remember-me`,type:`checkbox`,checked:a,onChange:e=>o(e.currentTarget.checked)}),J(`label`,{for:`remember-me`,children:`Remember me`})]}),J(X,{error:s,secondsLeft:d}),J(`button`,{type:`submit`,class:`primary`,disabled:l||d>0,children:l?`Signing in…`:`Sign in`})]})})}function gr(e){let{path:t}=on();return R(()=>{let e=[[`/gallery`,`Gallery`],[`/queue`,`Queue`],[`/view/`,`Image`],[`/account`,`Account`],[`/admin/users`,`Users`]].find(([e])=>t.startsWith(e));document.title=`${e?e[1]:`Generate`} · gql-invoke`},[t]),t===`/`||t===``?J(Xn,{}):t===`/queue`?J(Hn,{standalone:!0}):t===`/gallery`||t.startsWith(`/gallery/`)?J(On,{}):t.startsWith(`/view/`)?J($n,{id:decodeURIComponent(t.slice(6))}):t===`/account`&&e.multiuser?J(dr,{policy:cn()}):t===`/admin/users`&&e.multiuser&&e.viewer.isAdmin?J(or,{policy:cn(),viewerId:e.viewer.id}):J(`section`,{class:`card`,children:[J(`h1`,{children:`Page not found`}),J(`p`,{children:[`There is nothing at `,t,`. `,J(`a`,{href:`/`,children:`Go to Generate`}),`.`]})]})}function _r(e){return R(()=>{en();let t=un(tn),n=e.multiuser?gn():()=>{};return()=>{t(),n(),tn()}},[]),J(C,{children:e.children})}function vr(){let e=W(q);switch(R(()=>{pn()},[]),e.kind){case`loading`:return J(`main`,{class:`auth-page`,children:J(bn,{label:`Loading…`})});case`unreachable`:return J(`main`,{class:`auth-page`,children:J(`div`,{class:`card auth-card`,children:[J(`h1`,{children:`Cannot start`}),J(`p`,{class:`message error`,role:`alert`,children:e.message}),J(`button`,{type:`button`,class:`primary`,onClick:()=>void pn(),children:`Try again`})]})});case`setup`:return J(fr,{policy:e.policy});case`signin`:return J(hr,{notice:e.notice});case`app`:return J(_r,{multiuser:e.multiuser,children:J(mr,{viewer:e.viewer,multiuser:e.multiuser,children:J(gr,{multiuser:e.multiuser,viewer:e.viewer})})},e.viewer.id)}}var yr=document.getElementById(`app`);yr&&ue(J(vr,{}),yr);